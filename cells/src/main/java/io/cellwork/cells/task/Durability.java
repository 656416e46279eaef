package io.cellwork.cells.task;

import java.util.Locale;
import java.util.Optional;

/**
 * {@code DURABLE} tasks are acknowledged only once their acceptance is in the journal and resume
 * after a crash; {@code TRANSIENT} tasks skip the journal and are at-most-once.
 */
public enum Durability {
  DURABLE,
  TRANSIENT;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Durability> fromWireName(String name) {
    for (Durability d : values()) {
      if (d.wireName().equals(name)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }
}
