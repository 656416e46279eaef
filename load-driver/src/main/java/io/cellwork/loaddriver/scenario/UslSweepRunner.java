package io.cellwork.loaddriver.scenario;

import io.cellwork.loaddriver.engine.LoadPlan;
import io.cellwork.loaddriver.engine.RateProfile;
import io.cellwork.loaddriver.engine.RunResult;
import io.cellwork.loaddriver.report.Plots;
import io.cellwork.loaddriver.usl.UslFit;
import io.cellwork.loaddriver.usl.UslFitResult;
import io.cellwork.loaddriver.usl.UslPoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The USL sweep: one closed-loop run per concurrency step ({@code usl-sweep.concurrency}), each
 * step's 2xx throughput a point; the points are fitted with {@link UslFit} and, with a report, plotted
 * with the fitted curve (and written as {@code usl.csv} for {@code cellctl load usl-fit}).
 */
final class UslSweepRunner implements ScenarioRunner {
  @Override
  public ScenarioOutcome run(ScenarioContext context) {
    Scenario s = context.scenario();
    List<Integer> steps = s.config().getIntList("usl-sweep.concurrency");
    List<RunResult> runs = new ArrayList<>();
    List<UslPoint> points = new ArrayList<>();
    for (int n : steps) {
      LoadPlan plan = new LoadPlan(false, false, new RateProfile.Constant(0), n, s.plan().duration(), s.plan().maxRequests(),
          s.plan().drain());
      RunResult run = context.load("N=" + n, plan, context.requests("n" + n));
      runs.add(run);
      points.add(new UslPoint(n, run.achievedRate()));
    }
    UslFitResult fit = UslFit.fit(points);
    List<String> summary = new ArrayList<>();
    summary.add("USL points (N, ok/s): " + String.join("  ", points.stream()
        .map(p -> String.format(Locale.ROOT, "%.0f:%.1f", p.n(), p.throughput())).toList()));
    if (fit.supported()) {
      summary.add(String.format(Locale.ROOT, "USL fit: alpha %.4f (contention), beta %.6f (coherency), lambda %.1f/s,"
          + " N* %.1f, peak %.1f/s %s", fit.alpha(), fit.beta(), fit.lambda(), fit.nStar(), fit.peakThroughput(),
          fit.reason() == null ? "" : fit.reason()));
    } else {
      summary.add("USL fit: not supported by these points: " + fit.reason());
    }
    Map<String, Object> findings = new LinkedHashMap<>();
    findings.put("points", points);
    findings.put("fit", fit);
    List<Path> plots = new ArrayList<>();
    if (context.reportDir() != null) {
      try {
        Files.createDirectories(context.reportDir());
        StringBuilder csv = new StringBuilder("n,throughput\n");
        points.forEach(p -> csv.append(String.format(Locale.ROOT, "%.0f,%.3f%n", p.n(), p.throughput())));
        Files.writeString(context.reportDir().resolve("usl.csv"), csv);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      plots.add(Plots.uslCurve(context.reportDir().resolve("usl.png"), s.name() + ": throughput vs concurrency", points, fit));
    }
    return new ScenarioOutcome(runs, findings, summary, true, plots, false);
  }
}
