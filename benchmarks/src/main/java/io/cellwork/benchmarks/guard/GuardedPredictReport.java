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
    nanos.forEach((name, score) -> System.out.printf("  %-16s %7.2f ns  +- %6.2f   median %7.2f ns%n",
        name, score, errors.get(name), medians.get(name)));
    added("mean", nanos);
    // On a shared machine one disturbed iteration moves the mean; the median iteration does not.
    added("median iteration", medians);
  }

  private static void added(String statistic, Map<String, Double> nanos) {
    double added = nanos.get("guardedPredict") - nanos.get("rawSnapshot");
    double addedOverLive = nanos.get("guardedPredict") - nanos.get("rawLiveModel");
    System.out.printf("  added by the guard (%s): %.2f ns over the snapshot, %.2f ns over the live model"
        + " (goal <= %.0f ns: %s)%n", statistic, added, addedOverLive, GOAL_ADDED_NANOS,
        Math.max(added, addedOverLive) <= GOAL_ADDED_NANOS ? "met" : "MISSED");
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
