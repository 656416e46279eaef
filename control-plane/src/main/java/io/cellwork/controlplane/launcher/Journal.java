package io.cellwork.controlplane.launcher;

import java.util.Locale;

/** Where a local cluster keeps its journal. */
public enum Journal {
  /** The embedded default: an H2 database under var/h2, served by an H2 TCP server process. */
  H2,
  /** PostgreSQL, by default on 127.0.0.1:5432, database test. */
  POSTGRES;

  public String configFile() {
    return "node-" + name().toLowerCase(Locale.ROOT) + ".conf";
  }

  public static Journal parse(String text) {
    return Journal.valueOf(text.toUpperCase(Locale.ROOT));
  }
}
