package io.cellwork.intelligence.guard;

import io.cellwork.intelligence.ScalarModel;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The hot-path face of a guarded model: {@link #predict} answers from the primary, or from the
 * fallback when the guard tripped, a kill switch forces it, or the task is in the holdout slice,
 * and says which. {@link #outcome} hands the truth to the guard actor ({@link MlGuard}) with a
 * tell, which does all bookkeeping asynchronously.
 *
 * <p>Threading: any number of threads call {@code predict} and {@code outcome} concurrently. A
 * prediction reads one volatile, immutable {@link Serving} (mode and primary snapshot) that only
 * the guard actor replaces, so it never locks and sees the mode and the model it belongs to
 * together; it allocates only its result and bumps one striped counter.
 */
public final class GuardedModel<F> {
  private static final Source[] SOURCES = Source.values();

  /** What answers now: replaced as a whole by the guard actor. */
  record Serving<F>(ServingMode mode, ScalarModel<F> primary) {}

  private final String name;
  private final ScalarModel<F> fallback;
  private final Predicate<String> holdout;
  private final LongAdder[] predictions = new LongAdder[SOURCES.length];
  private volatile Serving<F> serving;
  private volatile Consumer<MlGuard.Outcome<F>> outcomes = outcome -> {};
  private volatile ModelStatus status;

  /**
   * @param primary the primary's first snapshot
   * @param holdout whether a task id is in the holdout slice (served by the fallback so that its
   *     outcomes are free of the primary's influence); must be cheap and thread-safe
   */
  public GuardedModel(String name, ScalarModel<F> primary, ScalarModel<F> fallback, Predicate<String> holdout) {
    this.name = name;
    this.fallback = fallback;
    this.holdout = holdout;
    this.serving = new Serving<>(ServingMode.CLOSED, primary);
    for (int i = 0; i < predictions.length; i++) {
      predictions[i] = new LongAdder();
    }
    this.status = ModelStatus.initial(name, primary, fallback);
  }

  public String name() {
    return name;
  }

  /** Predicts for one task; {@code taskId} decides holdout membership. */
  public Prediction predict(F features, String taskId) {
    Serving<F> now = serving;
    Source source;
    double value;
    switch (now.mode()) {
      case FORCED -> {
        source = Source.FALLBACK_FORCED;
        value = fallback.predictValue(features);
      }
      case TRIPPED -> {
        source = Source.FALLBACK_TRIPPED;
        value = fallback.predictValue(features);
      }
      default -> {
        if (holdout.test(taskId)) {
          source = Source.HOLDOUT;
          value = fallback.predictValue(features);
        } else {
          source = Source.PRIMARY;
          value = now.primary().predictValue(features);
        }
      }
    }
    predictions[source.ordinal()].increment();
    return new Prediction(value, source);
  }

  /** Reports the truth for a prediction made by {@link #predict}; returns at once. */
  public void outcome(F features, String taskId, Prediction prediction, double truth) {
    outcomes.accept(new MlGuard.Outcome<>(features, taskId, prediction.source(), prediction.value(), truth));
  }

  public ServingMode mode() {
    return serving.mode();
  }

  /** The guard's latest published status, with live prediction counts. */
  public ModelStatus status() {
    return status.withPredictions(predictionCounts());
  }

  public Map<Source, Long> predictionCounts() {
    Map<Source, Long> counts = new EnumMap<>(Source.class);
    for (Source s : SOURCES) {
      counts.put(s, predictions[s.ordinal()].sum());
    }
    return counts;
  }

  // ---- written by the guard actor only ----

  void connect(Consumer<MlGuard.Outcome<F>> sink) {
    this.outcomes = sink;
  }

  void publish(ServingMode mode, ScalarModel<F> primary) {
    Serving<F> current = serving;
    if (current.mode() != mode || current.primary() != primary) {
      serving = new Serving<>(mode, primary);
    }
  }

  void publishStatus(ModelStatus next) {
    this.status = next;
  }
}
