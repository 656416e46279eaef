package io.cellwork.killswitch;

/**
 * Marks what the kill-switch machinery sends between nodes or keeps in replicated data: the
 * node's Kryo serializer (defined by the cells module, always present on a node) is bound to it
 * in this module's {@code reference.conf}.
 */
public interface KillSwitchWire {}
