package io.cellwork.benchmarks.killswitch;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/** Runs {@link SwitchCheckBenchmark} under JMH and prints each check as a ratio to the volatile read. */
public final class SwitchCheckReport {
  private static final double GOAL_NANOS = 50;

  private SwitchCheckReport() {}

  public static void main(String[] args) throws Exception {
    Options options = new OptionsBuilder()
        .include(SwitchCheckBenchmark.class.getName() + "\\.")
        .jvmArgsAppend("-Xmx512m")
        .build();
    Collection<RunResult> results = new Runner(options).run();
    Map<String, Double> nanos = new LinkedHashMap<>();
    for (RunResult result : results) {
      String name = result.getParams().getBenchmark();
      nanos.put(name.substring(name.lastIndexOf('.') + 1), result.getPrimaryResult().getScore());
    }
    double baseline = nanos.get("volatileRead");
    System.out.printf("%nkill-switch check (JMH, average ns per check; baseline: one volatile read = %.2f ns)%n", baseline);
    nanos.forEach((name, score) -> System.out.printf("  %-30s %7.2f ns  %5.1fx the volatile read%s%n", name, score,
        score / baseline, name.startsWith("thousand") ? (score <= GOAL_NANOS ? "  (goal <= 50 ns: met)" : "  (goal <= 50 ns: MISSED)") : ""));
  }
}
