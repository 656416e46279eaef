package io.cellwork.intelligence.ensemble;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

/**
 * {@code cellwork.intelligence.task-cost.ensemble}: the memories of the task-cost ensemble's
 * learning members. Their diversity is the point: members that forget at different speeds
 * disagree exactly while the world changes, and the median picks the middle.
 *
 * @param fastRate weight of a new outcome in the fast EWMA member
 * @param middleRate weight of a new outcome in the middle EWMA member
 * @param slowRate weight of a new outcome in the slow EWMA member
 * @param warmUp outcomes per size class before an EWMA member trusts itself over the declared time
 * @param medianWindow outcomes per size class the windowed-median member takes its median over
 */
public record EnsembleSettings(double fastRate, double middleRate, double slowRate, int warmUp, int medianWindow) {
  public static final String PATH = "cellwork.intelligence.task-cost.ensemble";

  public EnsembleSettings {
    for (double rate : new double[] {fastRate, middleRate, slowRate}) {
      if (!(rate > 0 && rate <= 1)) {
        throw new IllegalArgumentException("ensemble learning rates must be in (0, 1], got " + rate);
      }
    }
    if (warmUp < 0 || medianWindow < 1) {
      throw new IllegalArgumentException("ensemble warm-up must be >= 0 and median-window >= 1");
    }
  }

  public static EnsembleSettings create(Config config) {
    Config c = config.withFallback(ConfigFactory.defaultReference()).getConfig(PATH);
    return new EnsembleSettings(c.getDouble("fast-rate"), c.getDouble("middle-rate"), c.getDouble("slow-rate"),
        c.getInt("warm-up"), c.getInt("median-window"));
  }

  /** The values in intelligence's reference.conf. */
  public static EnsembleSettings defaults() {
    return create(ConfigFactory.defaultReference());
  }
}
