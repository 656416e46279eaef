package io.cellwork.intelligence.simulation;

/**
 * One simulated run.
 *
 * @param scenario what happens to the model
 * @param coupling C in [0, 1]: a model-served task's outcome is {@code (1 - C)·cost + C·prediction}
 * @param seed the random seed; the run is a pure function of these settings
 * @param samples tasks (outcomes) to simulate
 * @param world the synthetic truth
 */
public record SimulationSettings(Scenario scenario, double coupling, long seed, int samples, World world) {
  public static final int DEFAULT_SAMPLES = 10_000;

  public SimulationSettings {
    if (!(coupling >= 0 && coupling <= 1)) {
      throw new IllegalArgumentException("coupling must be in [0, 1], was " + coupling);
    }
    if (samples < 1) {
      throw new IllegalArgumentException("samples must be >= 1, was " + samples);
    }
  }

  /** The scenario's default coupling (0.3 for feedback, else 0) in the default world. */
  public static SimulationSettings of(Scenario scenario, long seed) {
    return new SimulationSettings(scenario, scenario.defaultCoupling(), seed, DEFAULT_SAMPLES, World.defaults());
  }

  public SimulationSettings withCoupling(double newCoupling) {
    return new SimulationSettings(scenario, newCoupling, seed, samples, world);
  }

  public SimulationSettings withSamples(int newSamples) {
    return new SimulationSettings(scenario, coupling, seed, newSamples, world);
  }

  public SimulationSettings withWorld(World newWorld) {
    return new SimulationSettings(scenario, coupling, seed, samples, newWorld);
  }

  /** The task at which the model breaks (accuracy-drop), or 0: the point "...After" counts from. */
  public int changePoint() {
    return scenario == Scenario.ACCURACY_DROP ? samples / 2 : 0;
  }
}
