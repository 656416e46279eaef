package io.cellwork.intelligence.guard;

import org.apache.pekko.actor.NoSerializationVerificationNeeded;

/**
 * One member of an ensemble primary, as the guard last saw it.
 *
 * @param name the member's {@code name/version}
 * @param healthy whether its latest answer (on the latest outcome) was usable: a finite number
 *     {@code >= 0}; a member that throws or answers NaN is unhealthy and skipped by the median
 * @param skipped its answers skipped on the hot path so far (thrown, NaN, infinite, negative)
 * @param error its exponentially weighted mean error on the outcomes (the primary's loss), NaN
 *     before its first usable answer; a member answering absurd finite values shows up here
 */
public record EnsembleMember(String name, boolean healthy, long skipped, double error)
    implements NoSerializationVerificationNeeded {}
