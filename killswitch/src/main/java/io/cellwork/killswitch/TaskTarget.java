package io.cellwork.killswitch;

/** What a switch check needs to know about a task: where it runs and whose it is. */
public record TaskTarget(String node, int cell, String tenant, String kind) {}
