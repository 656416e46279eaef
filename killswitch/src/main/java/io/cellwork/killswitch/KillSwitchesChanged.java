package io.cellwork.killswitch;

/**
 * Published on the node's event stream whenever the {@link KillSwitchBoard} gets a new view, so
 * that components holding work (cells) can act on it at once, e.g. cancel work under a hard stop.
 */
public enum KillSwitchesChanged implements KillSwitchWire {
  INSTANCE
}
