package io.cellwork.cells.task;

import java.util.Locale;
import java.util.Optional;

/** How urgently a task must run; every priority keeps a configured share under saturation. */
public enum Priority {
  CRITICAL,
  NORMAL,
  SHEDDABLE;

  /** The name used on the wire and in config, e.g. {@code "sheddable"}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Priority> fromWireName(String name) {
    for (Priority p : values()) {
      if (p.wireName().equals(name)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
