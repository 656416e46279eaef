package io.cellwork.benchmarks.guard;

import io.cellwork.intelligence.cost.CostFeatures;
import io.cellwork.intelligence.cost.DeclaredCostHeuristic;
import io.cellwork.intelligence.cost.TaskCostModel;
import io.cellwork.intelligence.cost.TaskCostSnapshot;
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
 * model calls it wraps, in one run. Inputs cycle through 1,024 tasks of five kinds with real-looking
 * ids, so neither the hash nor the lookup can be folded away.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GuardedPredictBenchmark {
  static final int TASKS = 1_024;
  private static final String[] KINDS = {"sleep", "cpu", "echo", "fail", "ledger.deposit"};

  private final CostFeatures[] features = new CostFeatures[TASKS];
  private final String[] taskIds = new String[TASKS];
  private TaskCostModel live;
  private TaskCostSnapshot snapshot;
  private GuardedModel<CostFeatures> guarded;
  private int next;

  @Setup
  public void train() {
    SplittableRandom random = new SplittableRandom(42);
    live = new TaskCostModel();
    for (int i = 0; i < TASKS; i++) {
      String kind = KINDS[i % KINDS.length];
      double declared = kind.equals("sleep") || kind.equals("cpu") ? 1 + random.nextInt(100) : 0;
      features[i] = new CostFeatures(kind, declared);
      taskIds[i] = "01J" + Long.toHexString(random.nextLong()) + "-" + i; // ULID-like length
      for (int k = 0; k < 20; k++) {
        live.learnMillis(features[i], declared > 0 ? declared * 1.1 : 0.05);
      }
    }
    snapshot = live.snapshot();
    guarded = new GuardedModel<>("task-cost", snapshot, new DeclaredCostHeuristic(Map.of("echo", 0.05), 1.0),
        FeedbackSettings.defaults().holdoutSlice()::isHoldout);
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

  /** The immutable snapshot the guarded model serves from: the primary's own cost. */
  @Benchmark
  public double rawSnapshot() {
    return snapshot.predictValue(features[nextIndex()]);
  }

  /** The guarded call, closed (primary serves, 5% holdout to the fallback). */
  @Benchmark
  public Prediction guardedPredict() {
    int i = nextIndex();
    return guarded.predict(features[i], taskIds[i]);
  }
}
