package io.cellwork.controlplane.access;

import java.util.Locale;

/** What a token may do; each role includes the ones before it. */
public enum Role {
  /** Read switches, breakers, audit. */
  VIEWER,
  /** Also engage and release switches, open and close breakers. */
  OPERATOR,
  /** Everything. */
  ADMIN;

  public boolean includes(Role other) {
    return compareTo(other) >= 0;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Role parse(String name) {
    return Role.valueOf(name.toUpperCase(Locale.ROOT));
  }
}
