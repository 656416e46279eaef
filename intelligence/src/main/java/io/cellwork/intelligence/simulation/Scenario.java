package io.cellwork.intelligence.simulation;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What happens to the model in a simulated run. */
public enum Scenario {
  /** A good model throughout; outcomes coupled to its predictions only if a coupling is given. */
  STATIONARY(0.0),
  /** A good model that breaks abruptly half-way: its predictions stop depending on the task. */
  ACCURACY_DROP(0.0),
  /** A good model whose served predictions pull the outcomes toward themselves. */
  FEEDBACK(0.3);

  private final double defaultCoupling;

  Scenario(double defaultCoupling) {
    this.defaultCoupling = defaultCoupling;
  }

  public double defaultCoupling() {
    return defaultCoupling;
  }

  /** The command-line name: {@code stationary}, {@code accuracy-drop}, {@code feedback}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Scenario parse(String id) {
    for (Scenario scenario : values()) {
      if (scenario.id().equals(id)) {
        return scenario;
      }
    }
    throw new IllegalArgumentException("unknown scenario '" + id + "', expected one of "
        + Arrays.stream(values()).map(Scenario::id).collect(Collectors.joining(", ")));
  }
}
