package io.cellwork.benchmarks.guard;

import io.cellwork.intelligence.cost.CostFeatures;
import io.cellwork.intelligence.cost.DeclaredCostHeuristic;
import io.cellwork.intelligence.cost.TaskCostModel;
import io.cellwork.intelligence.cost.TaskCostSnapshot;
import io.cellwork.intelligence.ensemble.CostEnsemble;
import io.cellwork.intelligence.ensemble.EnsembleSettings;
import io.cellwork.intelligence.ensemble.EnsembleSnapshot;
import io.cellwork.intelligence.ensemble.LearningEnsemble;
import io.cellwork.intelligence.feedback.FeedbackSettings;
import io.cellwork.intelligence.guard.GuardedModel;
import io.cellwork.intelligence.guard.Prediction;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The guarded task-cost prediction a cell makes per task (volatile snapshot read, holdout hash of
 * the task id, primary or fallback, one striped counter, the result record) against the raw
 * model calls it wraps, in one run: the single EWMA model (live and frozen), the five-member
 * median ensemble's snapshot (the node's default primary), and the guarded call with each. Inputs cycle through 1,024 tasks of five kinds with real-looking
 * ids, so neither the hash nor the lookup can be folded away.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(1)
public class GuardedPredictBenchmark {
  static final int TASKS = 1_024;
  private static final String[] KINDS = {"sleep", "cpu", "echo", "fail", "ledger.deposit"};

  private final CostFeatures[] features = new CostFeatures[TASKS];
  private final String[] taskIds = new String[TASKS];
  private TaskCostModel live;
  private TaskCostSnapshot snapshot;
  private EnsembleSnapshot<CostFeatures> ensemble;
  private GuardedModel<CostFeatures> guarded;
  private GuardedModel<CostFeatures> guardedSingle;
  private int next;

  @Setup
  public void train() {
    SplittableRandom random = new SplittableRandom(42);
    live = new TaskCostModel();
    DeclaredCostHeuristic heuristic = new DeclaredCostHeuristic(Map.of("echo", 0.05), 1.0);
    LearningEnsemble<CostFeatures> learning = CostEnsemble.served("task-cost", heuristic, EnsembleSettings.defaults());
    for (int i = 0; i < TASKS; i++) {
      String kind = KINDS[i % KINDS.length];
      double declared = kind.equals("sleep") || kind.equals("cpu") ? 1 + random.nextInt(100) : 0;
      features[i] = new CostFeatures(kind, declared);
      taskIds[i] = "01J" + Long.toHexString(random.nextLong()) + "-" + i; // ULID-like length
      for (int k = 0; k < 20; k++) {
        double measured = declared > 0 ? declared * (1.05 + 0.01 * random.nextInt(10)) : 0.05;
        live.learnMillis(features[i], measured);
        learning.learn(features[i], measured);
      }
    }
    snapshot = live.snapshot();
    ensemble = learning.snapshot();
    guarded = new GuardedModel<>("task-cost", ensemble, heuristic, FeedbackSettings.defaults().holdoutSlice()::isHoldout);
    guardedSingle =
        new GuardedModel<>("task-cost", snapshot, heuristic, FeedbackSettings.defaults().holdoutSlice()::isHoldout);
  }

  private int nextIndex() {
    int i = next;
    next = (i + 1) & (TASKS - 1);
    return i;
  }

  /** The live model as the guard actor owns it (mutable map): what the cells called before. */
  @Benchmark
  public double rawLiveModel() {
    return live.predictMillis(features[nextIndex()]);
  }

  /** The single EWMA model's immutable snapshot ({@code task-cost.primary = ewma}): its own cost. */
  @Benchmark
  public double rawSnapshot() {
    return snapshot.predictValue(features[nextIndex()]);
  }

  /** The ensemble's immutable snapshot (five members, median): the default primary's own cost. */
  @Benchmark
  public double rawEnsembleSnapshot() {
    return ensemble.predictValue(features[nextIndex()]);
  }

  /** The guarded call with the ensemble primary (the node's default), closed, 5% holdout. */
  @Benchmark
  public Prediction guardedPredict() {
    int i = nextIndex();
    return guarded.predict(features[i], taskIds[i]);
  }

  /** The guarded call with the single EWMA primary, closed, 5% holdout. */
  @Benchmark
  public Prediction guardedSinglePredict() {
    int i = nextIndex();
    return guardedSingle.predict(features[i], taskIds[i]);
  }
}
