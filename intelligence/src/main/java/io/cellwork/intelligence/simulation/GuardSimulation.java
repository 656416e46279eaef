package io.cellwork.intelligence.simulation;

import com.typesafe.config.ConfigFactory;
import io.cellwork.intelligence.cost.TaskCostSettings;
import io.cellwork.intelligence.feedback.FeedbackLoopDetector;
import io.cellwork.intelligence.feedback.FeedbackSettings;
import io.cellwork.intelligence.feedback.HoldoutSlice;
import io.cellwork.intelligence.feedback.NaiveCorrelationCheck;
import io.cellwork.intelligence.guard.GuardSettings;
import io.cellwork.intelligence.guard.GuardState;
import io.cellwork.intelligence.guard.ModelGuard;
import io.cellwork.intelligence.guard.RelativeError;
import java.util.SplittableRandom;

/**
 * A synthetic environment with known truth, run against the real {@link ModelGuard}, the
 * {@link FeedbackLoopDetector} with its {@link HoldoutSlice} and, side by side, the seed's
 * {@link NaiveCorrelationCheck}. Per task: a true cost is drawn ({@link World}); the model predicts
 * it; if the task is outside the holdout and the guard is closed, the model serves it and the
 * realized outcome is pulled toward the prediction, {@code (1 - C)·cost + C·prediction} (a
 * self-fulfilling model: what it predicts becomes more true); otherwise (holdout, or guard
 * tripped so the fallback serves) the outcome is the true cost. The model is always scored on the
 * realized outcome (in shadow when it did not serve) with the cells' task-cost loss
 * ({@link RelativeError}: relative, floored, capped at 1). The feedback test gets log outcomes (service times are skewed) and that error; the naive
 * check gets (prediction, outcome) pairs for every task, as in the seed.
 *
 * <p>O(samples) time, O(guard window + naive window) memory. A pure function of its settings:
 * same settings, same result. Thread-confined (one run, one thread); runs are independent.
 */
public final class GuardSimulation {
  /** The seed's check: Pearson correlation over windows of this many (prediction, outcome). */
  public static final int NAIVE_WINDOW = 1_000;
  /** The seed's threshold: "if correlation > 0.8 we might be creating a feedback loop". */
  public static final double NAIVE_THRESHOLD = 0.8;

  private final SimulationSettings settings;
  private final GuardSettings guardSettings;
  private final FeedbackSettings feedbackSettings;
  private final RelativeError loss;

  /** With the guard's, the feedback test's and the task-cost loss's reference.conf defaults. */
  public GuardSimulation(SimulationSettings settings) {
    this(settings, GuardSettings.defaults(), FeedbackSettings.defaults());
  }

  public GuardSimulation(
      SimulationSettings settings, GuardSettings guardSettings, FeedbackSettings feedbackSettings) {
    this.settings = settings;
    this.guardSettings = guardSettings;
    this.feedbackSettings = feedbackSettings;
    this.loss = TaskCostSettings.create(ConfigFactory.defaultReference()).loss();
  }

  public static SimulationResult run(SimulationSettings settings) {
    return new GuardSimulation(settings).run();
  }

  public SimulationResult run() {
    return runWithDetail().result();
  }

  /**
   * The result plus what only a study of the detectors needs.
   *
   * @param result what {@code cellctl guard simulate} prints
   * @param naiveCorrelationAlarmAfter tasks from the change point until the naive check first fired,
   *     null if never
   */
  public record Detailed(SimulationResult result, Long naiveCorrelationAlarmAfter) {}

  public Detailed runWithDetail() {
    World world = settings.world();
    SplittableRandom random = new SplittableRandom(settings.seed());
    HoldoutSlice slice = feedbackSettings.holdoutSlice();
    ModelGuard guard = new ModelGuard(guardSettings);
    FeedbackLoopDetector feedback = new FeedbackLoopDetector(feedbackSettings);
    NaiveCorrelationCheck naive = new NaiveCorrelationCheck(NAIVE_WINDOW, NAIVE_THRESHOLD);
    int changePoint = settings.changePoint();
    boolean breaks = settings.scenario() == Scenario.ACCURACY_DROP;
    double c = settings.coupling();
    long firstTrip = -1;

    for (int task = 0; task < settings.samples(); task++) {
      double cost = world.medianCostMillis() * Math.exp(world.costSpread() * random.nextGaussian());
      boolean broken = breaks && task >= changePoint;
      double logError = broken
          ? world.brokenNoise() * random.nextGaussian()
          : world.modelBias() + world.modelNoise() * random.nextGaussian();
      double prediction = cost * Math.exp(logError);
      boolean holdout = slice.isHoldout(settings.seed() + "-" + task);
      boolean modelServes = !holdout && guard.state() == GuardState.CLOSED;
      double outcome = modelServes ? (1 - c) * cost + c * prediction : cost;
      double error = loss.of(prediction, outcome);

      guard.observe(error);
      if (firstTrip < 0 && guard.state() == GuardState.TRIPPED) {
        firstTrip = task + 1L;
      }
      feedback.observe(holdout, Math.log(outcome), error);
      naive.observe(prediction, outcome);
    }
    SimulationResult result = new SimulationResult(
        firstTrip >= 0,
        firstTrip >= 0 ? firstTrip - changePoint : null,
        feedback.alarmed(),
        feedback.alarmed() ? feedback.alarmAfter().getAsLong() - changePoint : null,
        naive.alarmed());
    return new Detailed(result, naive.alarmed() ? naive.alarmAfter().getAsLong() - changePoint : null);
  }
}
