package io.cellwork.loaddriver.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.cellwork.loaddriver.engine.Interval;
import io.cellwork.loaddriver.engine.RunResult;
import io.cellwork.loaddriver.engine.Slice;
import io.cellwork.loaddriver.threshold.ThresholdCheck;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a report directory: {@code report.json} (totals, errors by status, latency percentiles,
 * per-group figures, the timeline, thresholds and the scenario's own findings), one {@code .hgrm}
 * percentile distribution per run (HdrHistogram's format, in milliseconds), and PNG plots of
 * latency percentiles and throughput over time per run.
 */
public final class ReportWriter {
  private final Path dir;
  private final List<Path> plots = new ArrayList<>();
  private final List<Path> histograms = new ArrayList<>();

  public ReportWriter(Path dir) {
    this.dir = dir;
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create report directory " + dir, e);
    }
  }

  public Path dir() {
    return dir;
  }

  public List<Path> plots() {
    return plots;
  }

  /** Adds a plot written by the scenario itself (e.g. the USL curve). */
  public void addPlot(Path png) {
    plots.add(png);
  }

  /** Writes the .hgrm and (with {@code plots}) the two plots over time of one run. */
  public void writeRun(RunResult run, boolean withPlots) {
    String base = fileName(run.name());
    Path hgrm = dir.resolve(base + ".hgrm");
    try (PrintStream out = new PrintStream(Files.newOutputStream(hgrm), false, java.nio.charset.StandardCharsets.UTF_8)) {
      // Recorded in microseconds; scaled so the file reads in milliseconds.
      run.total().latencyMicros().outputPercentileDistribution(out, 1000.0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    histograms.add(hgrm);
    if (!withPlots || run.timeline().isEmpty()) {
      return;
    }
    List<LatencySample> latency = new ArrayList<>();
    List<ThroughputSample> throughput = new ArrayList<>();
    for (Interval i : run.timeline()) {
      latency.add(new LatencySample(i.endSeconds(), i.p50Millis(), i.p90Millis(), i.p99Millis(), i.maxMillis()));
      throughput.add(new ThroughputSample(i.endSeconds(), i.offeredRate(), i.okRate(), i.errorRate(), i.triesRate()));
    }
    plots.add(Plots.latencyOverTime(dir.resolve(base + "-latency.png"), run.name() + ": latency percentiles (ms)", latency));
    plots.add(Plots.throughputOverTime(dir.resolve(base + "-throughput.png"), run.name() + ": requests per second", throughput));
  }

  /** Writes report.json; {@code findings} are the scenario's own results (checks, timings). */
  public Path writeJson(String scenario, List<RunResult> runs, ThresholdCheck thresholds, Map<String, Object> findings) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("scenario", scenario);
    RunResult main = runs.get(runs.size() - 1);
    if (runs.size() == 1) {
      doc.putAll(runDoc(main));
    } else {
      Slice merged = merge(runs);
      doc.put("sent", merged.sent());
      doc.put("ok", merged.ok());
      doc.put("errors", merged.errors());
      double elapsed = runs.stream().mapToDouble(RunResult::elapsedSeconds).sum();
      doc.put("elapsedSeconds", elapsed);
      doc.put("achievedRate", elapsed <= 0 ? 0 : merged.ok() / elapsed);
      doc.put("latencyMs", latencyDoc(merged));
    }
    List<Object> runDocs = new ArrayList<>();
    runs.forEach(r -> runDocs.add(runDoc(r)));
    doc.put("runs", runDocs);
    List<Object> verdicts = new ArrayList<>();
    for (ThresholdCheck.Verdict v : thresholds.verdicts()) {
      verdicts.add(Map.of("threshold", v.threshold().text(), "measured", v.measured(), "holds", v.holds()));
    }
    doc.put("thresholds", verdicts);
    doc.put("findings", findings);
    doc.put("hgrm", histograms.stream().map(p -> p.getFileName().toString()).toList());
    doc.put("plots", plots.stream().map(p -> p.getFileName().toString()).toList());
    Path json = dir.resolve("report.json");
    try {
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return json;
  }

  static Map<String, Object> runDoc(RunResult run) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("name", run.name());
    doc.put("elapsedSeconds", run.elapsedSeconds());
    doc.put("sent", run.total().sent());
    doc.put("ok", run.total().ok());
    Map<String, Long> errors = new LinkedHashMap<>(run.total().errors());
    if (run.unanswered() > 0) {
      errors.put("unanswered", run.unanswered());
    }
    doc.put("errors", errors);
    doc.put("achievedRate", run.achievedRate());
    doc.put("latencyMs", latencyDoc(run.total()));
    Map<String, Object> groups = new LinkedHashMap<>();
    run.groups().forEach((name, slice) -> {
      Map<String, Object> g = new LinkedHashMap<>();
      g.put("sent", slice.sent());
      g.put("ok", slice.ok());
      g.put("errors", slice.errors());
      g.put("latencyMs", latencyDoc(slice));
      groups.put(name, g);
    });
    doc.put("groups", groups);
    List<Object> timeline = new ArrayList<>();
    for (Interval i : run.timeline()) {
      timeline.add(i);
    }
    doc.put("timeline", timeline);
    return doc;
  }

  static Map<String, Object> latencyDoc(Slice s) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("p50", s.millisAt(50));
    doc.put("p90", s.millisAt(90));
    doc.put("p99", s.millisAt(99));
    doc.put("p999", s.millisAt(99.9));
    doc.put("max", s.maxMillis());
    doc.put("mean", s.latencyMicros().getTotalCount() == 0 ? 0 : s.latencyMicros().getMean() / 1000.0);
    return doc;
  }

  static Slice merge(List<RunResult> runs) {
    org.HdrHistogram.Histogram all = new org.HdrHistogram.Histogram(3);
    long sent = 0;
    long ok = 0;
    Map<String, Long> errors = new java.util.TreeMap<>();
    for (RunResult r : runs) {
      all.add(r.total().latencyMicros());
      sent += r.total().sent();
      ok += r.total().ok();
      r.total().errors().forEach((k, v) -> errors.merge(k, v, Long::sum));
      if (r.unanswered() > 0) {
        errors.merge("unanswered", r.unanswered(), Long::sum);
      }
    }
    return new Slice("all", sent, ok, errors, all);
  }

  private static String fileName(String name) {
    return name.replaceAll("[^A-Za-z0-9._-]+", "-");
  }
}
