package io.cellwork.intelligence.simulation;

/**
 * What a simulated run saw. Counts are outcomes (tasks) from the scenario's change point (the
 * break for accuracy-drop, the first task otherwise) up to and including the one that raised the
 * event; a negative count is an event before the change point, i.e. a false alarm.
 *
 * @param tripped the guard tripped to the fallback at least once
 * @param tripAfter outcomes until the first trip, null if none
 * @param feedbackAlarm the sequential holdout test raised its alarm
 * @param feedbackAlarmAfter tasks until that alarm, null if none
 * @param naiveCorrelationAlarm the seed's "correlation > 0.8" check fired at least once
 */
public record SimulationResult(
    boolean tripped,
    Long tripAfter,
    boolean feedbackAlarm,
    Long feedbackAlarmAfter,
    boolean naiveCorrelationAlarm) {

  /** One JSON object on one line, with the keys of {@code cellctl guard simulate --json}. */
  public String toJson() {
    return "{\"tripped\":" + tripped
        + ",\"tripAfter\":" + tripAfter
        + ",\"feedbackAlarm\":" + feedbackAlarm
        + ",\"feedbackAlarmAfter\":" + feedbackAlarmAfter
        + ",\"naiveCorrelationAlarm\":" + naiveCorrelationAlarm
        + "}";
  }
}
