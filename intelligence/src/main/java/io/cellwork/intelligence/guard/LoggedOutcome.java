package io.cellwork.intelligence.guard;

/**
 * One outcome as the guard logged it.
 *
 * @param atMillis when the guard received it
 * @param taskId the task the prediction was for
 * @param source who served the prediction (the arm: model, holdout, or the fallback for everyone)
 * @param propensity the probability that this task was assigned to {@code source}'s arm: 1 −
 *     holdout fraction for the model, the holdout fraction for the holdout, 1 while the fallback
 *     serves everyone (tripped or forced)
 * @param served what was served
 * @param primary what the primary answered or, in shadow, would have answered
 * @param truth the measured outcome
 * @param error the primary's loss on it
 */
public record LoggedOutcome(
    long atMillis, String taskId, Source source, double propensity, double served, double primary, double truth,
    double error) {}
