package io.cellwork.benchmarks.guard;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/** Runs {@link GuardedPredictBenchmark} under JMH and prints what the guard adds to a raw predict. */
public final class GuardedPredictReport {
  private static final double GOAL_ADDED_NANOS = 100;

  private GuardedPredictReport() {}

  public static void main(String[] args) throws Exception {
    Options options = new OptionsBuilder()
        .include(GuardedPredictBenchmark.class.getName() + "\\.")
        .jvmArgsAppend("-Xmx512m")
        .build();
    Collection<RunResult> results = new Runner(options).run();
    Map<String, Double> nanos = new LinkedHashMap<>();
    Map<String, Double> errors = new LinkedHashMap<>();
    Map<String, Double> medians = new LinkedHashMap<>();
    for (RunResult result : results) {
      String name = result.getParams().getBenchmark();
      String shortName = name.substring(name.lastIndexOf('.') + 1);
      nanos.put(shortName, result.getPrimaryResult().getScore());
      errors.put(shortName, result.getPrimaryResult().getScoreError());
      medians.put(shortName, medianIteration(result));
    }
    System.out.printf("%nguarded task-cost predict (JMH, ns per call: mean +- 99.9%% CI half-width, median iteration)%n");
    nanos.forEach((name, score) -> System.out.printf("  %-20s %7.2f ns  +- %6.2f   median %7.2f ns%n",
        name, score, errors.get(name), medians.get(name)));
    added("mean", nanos);
    // On a shared machine one disturbed iteration moves the mean; the median iteration does not.
    added("median iteration", medians);
  }

  /**
   * The goal is judged against the raw single model: what a cell pays per task for the guarded
   * ensemble (guard + four more members + the median) over calling one model directly.
   */
  private static void added(String statistic, Map<String, Double> nanos) {
    double guarded = nanos.get("guardedPredict");
    double guard = guarded - nanos.get("rawEnsembleSnapshot");
    double ensemble = nanos.get("rawEnsembleSnapshot") - nanos.get("rawSnapshot");
    double overSingle = guarded - nanos.get("rawSnapshot");
    double overLive = guarded - nanos.get("rawLiveModel");
    double singleGuard = nanos.get("guardedSinglePredict") - nanos.get("rawSnapshot");
    System.out.printf("  (%s) guarded ensemble over the raw single model: %.2f ns (snapshot), %.2f ns (live)"
        + " (goal <= %.0f ns: %s)%n", statistic, overSingle, overLive, GOAL_ADDED_NANOS,
        Math.max(overSingle, overLive) <= GOAL_ADDED_NANOS ? "met" : "MISSED");
    System.out.printf("  (%s)   of which the ensemble: %.2f ns, the guard: %.2f ns;"
        + " the guard over the single snapshot: %.2f ns%n", statistic, ensemble, guard, singleGuard);
  }

  private static double medianIteration(RunResult result) {
    List<Double> scores = new ArrayList<>();
    for (BenchmarkResult benchmark : result.getBenchmarkResults()) {
      for (IterationResult iteration : benchmark.getIterationResults()) {
        scores.add(iteration.getPrimaryResult().getScore());
      }
    }
    Collections.sort(scores);
    int n = scores.size();
    return n % 2 == 1 ? scores.get(n / 2) : (scores.get(n / 2 - 1) + scores.get(n / 2)) / 2;
  }
}
