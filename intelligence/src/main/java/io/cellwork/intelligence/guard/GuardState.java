package io.cellwork.intelligence.guard;

/** Whether a {@link ModelGuard} lets the primary model answer. */
public enum GuardState {
  /** The primary answers. */
  CLOSED,
  /** The fallback answers; the primary is still scored, in shadow, until it recovers. */
  TRIPPED
}
