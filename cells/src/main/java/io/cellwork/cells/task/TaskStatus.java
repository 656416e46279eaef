package io.cellwork.cells.task;

import java.util.Locale;

/** Lifecycle of a task; the last four are final and never change again. */
public enum TaskStatus {
  ACCEPTED,
  RUNNING,
  DONE,
  FAILED,
  EXPIRED,
  KILLED;

  public boolean isFinal() {
    return this != ACCEPTED && this != RUNNING;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
