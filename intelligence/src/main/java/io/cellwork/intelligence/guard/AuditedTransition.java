package io.cellwork.intelligence.guard;

/**
 * One change of who serves a guarded model, as audited: logged at INFO and kept in the guard's
 * bounded list of recent transitions.
 *
 * @param atMillis wall-clock time of the change
 * @param atOutcome outcomes the guard had scored by then
 * @param rollingError the primary's rolling error then
 * @param bound the confidence bound that decided a trip or close; NaN for other causes
 * @param reason why, in a sentence (the switch id for a kill switch)
 */
public record AuditedTransition(
    long atMillis, ServingMode from, ServingMode to, long atOutcome, double rollingError, double bound, String reason) {}
