package io.cellwork.benchmarks.guard;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
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
    for (RunResult result : results) {
      String name = result.getParams().getBenchmark();
      String shortName = name.substring(name.lastIndexOf('.') + 1);
      nanos.put(shortName, result.getPrimaryResult().getScore());
      errors.put(shortName, result.getPrimaryResult().getScoreError());
    }
    System.out.printf("%nguarded task-cost predict (JMH, average ns per call, 99.9%% CI half-width)%n");
    nanos.forEach((name, score) -> System.out.printf("  %-16s %7.2f ns  +- %.2f%n", name, score, errors.get(name)));
    double added = nanos.get("guardedPredict") - nanos.get("rawSnapshot");
    double addedOverLive = nanos.get("guardedPredict") - nanos.get("rawLiveModel");
    System.out.printf("  added by the guard: %.2f ns over the snapshot, %.2f ns over the live model (goal <= %.0f ns: %s)%n",
        added, addedOverLive, GOAL_ADDED_NANOS, Math.max(added, addedOverLive) <= GOAL_ADDED_NANOS ? "met" : "MISSED");
  }
}
