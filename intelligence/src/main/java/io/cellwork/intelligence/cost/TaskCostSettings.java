package io.cellwork.intelligence.cost;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import io.cellwork.intelligence.ensemble.EnsembleSettings;
import io.cellwork.intelligence.guard.RelativeError;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code cellwork.intelligence.task-cost}: how the task-cost predictor's error is measured and
 * what its fallback heuristic answers.
 *
 * @param errorFloorMillis relative errors divide by at least this, so sub-millisecond tasks do not
 *     turn scheduler noise into 100% errors
 * @param errorCap relative errors are capped here, so one pathological task counts as "wrong",
 *     not as a thousand wrong tasks
 * @param heuristicDefaultMillis the fallback's answer for a kind that declares nothing
 * @param heuristicKindMillis the fallback's answer per kind that declares nothing
 * @param primary which model the guard serves as primary
 * @param ensemble the memories of the ensemble's learning members (when primary is the ensemble)
 */
public record TaskCostSettings(
    double errorFloorMillis, double errorCap, double heuristicDefaultMillis, Map<String, Double> heuristicKindMillis,
    Primary primary, EnsembleSettings ensemble) {

  /** {@code primary}: the diverse median ensemble, or the single EWMA {@link TaskCostModel}. */
  public enum Primary {
    ENSEMBLE,
    EWMA;

    static Primary parse(String value) {
      for (Primary p : values()) {
        if (p.name().equalsIgnoreCase(value)) {
          return p;
        }
      }
      throw new IllegalArgumentException("task-cost.primary must be ensemble or ewma, was " + value);
    }
  }

  public static final String PATH = "cellwork.intelligence.task-cost";

  public TaskCostSettings {
    if (!(errorFloorMillis > 0) || !(errorCap > 0)) {
      throw new IllegalArgumentException("error-floor-millis and error-cap must be positive");
    }
    if (!(heuristicDefaultMillis >= 0)) {
      throw new IllegalArgumentException("heuristic.default-millis must be >= 0");
    }
    heuristicKindMillis = Map.copyOf(heuristicKindMillis);
    if (primary == null || ensemble == null) {
      throw new IllegalArgumentException("primary and ensemble must be set");
    }
  }

  public static TaskCostSettings create(Config config) {
    Config c = config.withFallback(ConfigFactory.defaultReference()).getConfig(PATH);
    Map<String, Double> kinds = new HashMap<>();
    for (Map.Entry<String, ConfigValue> e : c.getConfig("heuristic.kinds").root().entrySet()) {
      kinds.put(e.getKey(), ((Number) e.getValue().unwrapped()).doubleValue());
    }
    return new TaskCostSettings(
        c.getDouble("error-floor-millis"), c.getDouble("error-cap"), c.getDouble("heuristic.default-millis"), kinds,
        Primary.parse(c.getString("primary")), EnsembleSettings.create(config));
  }

  public RelativeError loss() {
    return new RelativeError(errorFloorMillis, errorCap);
  }
}
