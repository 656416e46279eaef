package io.cellwork.intelligence.guard;

import io.cellwork.intelligence.ScalarModel;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;

/**
 * What a guard publishes about its model, for {@code GET /v1/models} and {@code /metrics}.
 *
 * @param primary the primary's name and version, e.g. {@code task-cost/ewma-1}
 * @param fallback the fallback's name and version
 * @param mode who serves now
 * @param guardState what the error guard alone says (a kill switch may force the fallback anyway)
 * @param outcomes outcomes scored (in service and in shadow)
 * @param samples outcomes in the rolling window
 * @param errorDrift whether drift was detected on the primary's error stream
 * @param featureDrift whether drift was detected on the input feature
 * @param feedbackAlarm whether the feedback-loop detector raised its alarm
 * @param holdoutFraction the share of tasks served without the model (propensity of holdout)
 * @param outcomesBySource outcomes received per source
 * @param predictions predictions made per source (live counters)
 * @param transitions transitions since start
 * @param recent the most recent transitions, oldest first
 * @param members the primary's members when it is an ensemble, else empty
 * @param recentOutcomes the guard's outcome log, oldest first: each outcome with its arm and that
 *     arm's propensity
 *
 * <p>Node-local: read by this node's API from the guarded model, never sent to another node.
 */
public record ModelStatus(
    String name,
    String primary,
    String fallback,
    ServingMode mode,
    GuardState guardState,
    long outcomes,
    int samples,
    double rollingError,
    double lowerBound,
    double upperBound,
    boolean errorDrift,
    boolean featureDrift,
    boolean feedbackAlarm,
    double holdoutFraction,
    Map<Source, Long> outcomesBySource,
    Map<Source, Long> predictions,
    long transitions,
    List<AuditedTransition> recent,
    List<EnsembleMember> members,
    List<LoggedOutcome> recentOutcomes)
    implements NoSerializationVerificationNeeded {

  static ModelStatus initial(String name, ScalarModel<?> primary, ScalarModel<?> fallback) {
    Map<Source, Long> zero = new EnumMap<>(Source.class);
    for (Source s : Source.values()) {
      zero.put(s, 0L);
    }
    return new ModelStatus(name, describe(primary), describe(fallback), ServingMode.CLOSED, GuardState.CLOSED,
        0, 0, 0, 0, 0, false, false, false, 0, Map.copyOf(zero), Map.copyOf(zero), 0, List.of(), List.of(), List.of());
  }

  static String describe(ScalarModel<?> model) {
    return model.name() + "/" + model.version();
  }

  ModelStatus withPredictions(Map<Source, Long> counts) {
    return new ModelStatus(name, primary, fallback, mode, guardState, outcomes, samples, rollingError, lowerBound,
        upperBound, errorDrift, featureDrift, feedbackAlarm, holdoutFraction, outcomesBySource, counts, transitions,
        recent, members, recentOutcomes);
  }
}
