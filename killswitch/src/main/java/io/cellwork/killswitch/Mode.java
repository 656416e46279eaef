package io.cellwork.killswitch;

import java.util.Locale;
import java.util.Optional;

/**
 * What an engaged switch stops. Ordered by severity: each mode does everything the previous one
 * does.
 */
public enum Mode implements KillSwitchWire {
  /** New work in scope is refused; queued and running work finishes. */
  REJECT_NEW,
  /**
   * Like reject_new, for an operator who wants the scope emptied: the cells report how many of
   * its tasks are still queued or running ({@code pending}), down to "drained".
   */
  DRAIN,
  /** New work is refused and queued or running work is cancelled (it ends {@code killed}). */
  HARD_STOP;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Mode> fromWireName(String name) {
    for (Mode mode : values()) {
      if (mode.wireName().equals(name)) {
        return Optional.of(mode);
      }
    }
    return Optional.empty();
  }

  public boolean cancelsQueuedWork() {
    return this == HARD_STOP;
  }
}
