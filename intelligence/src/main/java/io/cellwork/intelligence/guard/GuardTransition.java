package io.cellwork.intelligence.guard;

/**
 * One change of a {@link ModelGuard}'s state.
 *
 * @param atOutcome the number of outcomes observed when it happened (this one included)
 * @param rollingError the rolling mean error at that moment
 * @param bound the confidence bound that decided it: the lower bound for a trip, the upper bound
 *     for a close
 * @param reason a sentence for the audit log
 */
public record GuardTransition(
    GuardState from, GuardState to, long atOutcome, double rollingError, double bound, String reason) {}
