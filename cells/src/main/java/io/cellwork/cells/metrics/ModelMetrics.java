package io.cellwork.cells.metrics;

import io.cellwork.intelligence.guard.GuardedModel;
import io.cellwork.intelligence.guard.GuardedModels;
import io.cellwork.intelligence.guard.EnsembleMember;
import io.cellwork.intelligence.guard.ModelStatus;
import io.cellwork.intelligence.guard.ServingMode;
import io.cellwork.intelligence.guard.Source;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.function.BiConsumer;

/**
 * The guarded models' Prometheus metrics, read at scrape time from what each guard published
 * (callbacks: nothing is updated on the hot path for them).
 */
public final class ModelMetrics {
  private ModelMetrics() {}

  public static void register(PrometheusRegistry registry, GuardedModels models) {
    GaugeWithCallback.builder()
        .name("cellwork_model_serving")
        .help("1 for who serves the model now: closed (primary), tripped or forced (fallback)")
        .labelNames("model", "mode")
        .callback(cb -> each(models, (name, s) -> {
          for (ServingMode mode : ServingMode.values()) {
            cb.call(s.mode() == mode ? 1 : 0, name, mode.wireName());
          }
        }))
        .register(registry);
    GaugeWithCallback.builder()
        .name("cellwork_model_rolling_error")
        .help("The primary's mean error over the guard's rolling window (in service and in shadow)")
        .labelNames("model")
        .callback(cb -> each(models, (name, s) -> cb.call(s.rollingError(), name)))
        .register(registry);
    GaugeWithCallback.builder()
        .name("cellwork_model_error_bound")
        .help("Confidence bounds of the rolling error: lower decides a trip, upper a close")
        .labelNames("model", "side")
        .callback(cb -> each(models, (name, s) -> {
          cb.call(s.lowerBound(), name, "lower");
          cb.call(s.upperBound(), name, "upper");
        }))
        .register(registry);
    GaugeWithCallback.builder()
        .name("cellwork_model_alarm")
        .help("1 while an alarm is raised: feedback loop, drift of the error stream or of the input")
        .labelNames("model", "alarm")
        .callback(cb -> each(models, (name, s) -> {
          cb.call(s.feedbackAlarm() ? 1 : 0, name, "feedback");
          cb.call(s.errorDrift() ? 1 : 0, name, "error_drift");
          cb.call(s.featureDrift() ? 1 : 0, name, "feature_drift");
        }))
        .register(registry);
    CounterWithCallback.builder()
        .name("cellwork_model_predictions")
        .help("Guarded predictions by the source that answered")
        .labelNames("model", "source")
        .callback(cb -> each(models, (name, s) -> {
          for (Source source : Source.values()) {
            cb.call(s.predictions().getOrDefault(source, 0L), name, source.wireName());
          }
        }))
        .register(registry);
    CounterWithCallback.builder()
        .name("cellwork_model_outcomes")
        .help("Outcomes the guard scored, by the source that served the prediction")
        .labelNames("model", "source")
        .callback(cb -> each(models, (name, s) -> {
          for (Source source : Source.values()) {
            cb.call(s.outcomesBySource().getOrDefault(source, 0L), name, source.wireName());
          }
        }))
        .register(registry);
    CounterWithCallback.builder()
        .name("cellwork_model_transitions")
        .help("Audited transitions of who serves the model (trips, closes, kill switch)")
        .labelNames("model")
        .callback(cb -> each(models, (name, s) -> cb.call(s.transitions(), name)))
        .register(registry);
    GaugeWithCallback.builder()
        .name("cellwork_model_member_healthy")
        .help("Per member of an ensemble primary: 1 while its latest answer was usable (finite, >= 0)")
        .labelNames("model", "member")
        .callback(cb -> each(models, (name, s) -> {
          for (EnsembleMember m : s.members()) {
            cb.call(m.healthy() ? 1 : 0, name, m.name());
          }
        }))
        .register(registry);
    GaugeWithCallback.builder()
        .name("cellwork_model_member_error")
        .help("Per member of an ensemble primary: its exponentially weighted mean error on the outcomes")
        .labelNames("model", "member")
        .callback(cb -> each(models, (name, s) -> {
          for (EnsembleMember m : s.members()) {
            cb.call(m.error(), name, m.name());
          }
        }))
        .register(registry);
  }

  private static void each(GuardedModels models, BiConsumer<String, ModelStatus> action) {
    for (GuardedModel<?> model : models.all()) {
      action.accept(model.name(), model.status());
    }
  }
}
