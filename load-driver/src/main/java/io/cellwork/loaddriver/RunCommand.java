package io.cellwork.loaddriver;

import io.cellwork.loaddriver.engine.RunResult;
import io.cellwork.loaddriver.report.ReportWriter;
import io.cellwork.loaddriver.report.ResultTable;
import io.cellwork.loaddriver.scenario.Scenario;
import io.cellwork.loaddriver.scenario.ScenarioContext;
import io.cellwork.loaddriver.scenario.ScenarioOutcome;
import io.cellwork.loaddriver.scenario.ScenarioRunner;
import io.cellwork.loaddriver.threshold.Threshold;
import io.cellwork.loaddriver.threshold.ThresholdCheck;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cellctl load run --scenario NAME ...}: one scenario, its table, report and thresholds. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Run a load scenario (conf/scenarios/NAME.conf) against one or more nodes.",
    footer = {"", "Exit codes: 0 done, 1 bad arguments or the run failed, 2 a threshold was violated,"
        + " 3 a scenario check (ledger, lost task, switch) failed."})
public final class RunCommand implements Callable<Integer> {
  public static final int THRESHOLD_VIOLATED = 2;
  public static final int CHECK_FAILED = 3;

  @Option(names = "--scenario", required = true, description = "scenario name (see `load list`) or a .conf file")
  String scenario;

  @Option(names = "--targets", description = "node URLs, comma-separated (default: the scenario's)")
  String targets;

  @Option(names = "--rate", description = "open loop: requests per second")
  Double rate;

  @Option(names = "--duration", description = "how long to send, e.g. 30s")
  String duration;

  @Option(names = "--requests", description = "at most this many requests")
  Long requests;

  @Option(names = "--concurrency", description = "closed loop: concurrent clients")
  Integer concurrency;

  @Option(names = "--mode", description = "open or closed")
  String mode;

  @Option(names = "--arrivals", description = "open loop: constant or poisson")
  String arrivals;

  @Option(names = "--connections", description = "keep-alive connections per node")
  Integer connections;

  @Option(names = "--set", description = "override any scenario key, e.g. --set workload.keys.distribution=zipf")
  List<String> sets = new ArrayList<>();

  @Option(names = "--threshold", description = "e.g. 'p99<50ms', 'errors<0.1%%', 'achievedRate>900', 'p99[task:small]<20ms'")
  List<String> thresholds = new ArrayList<>();

  @Option(names = "--report", description = "write report.json, .hgrm and PNG plots to this directory")
  Path report;

  @Option(names = "--token", description = "admin bearer token (default: var/cluster/admin.token)")
  String token;

  @Option(names = "--quiet", description = "no progress lines")
  boolean quiet;

  PrintStream out = System.out;

  @Override
  public Integer call() {
    Scenario loaded;
    List<Threshold> gates = new ArrayList<>();
    try {
      loaded = Scenario.load(ClusterControl.home(), scenario, overrides());
      for (String t : loaded.thresholds()) {
        gates.add(Threshold.parse(t));
      }
      for (String t : thresholds) {
        gates.add(Threshold.parse(t));
      }
    } catch (IllegalArgumentException e) {
      System.err.println("load run: " + e.getMessage());
      return 1;
    }
    return execute(loaded, gates, report, quiet, out);
  }

  /** Runs a loaded scenario to its exit code; shared with the demo. */
  public static int execute(Scenario loaded, List<Threshold> gates, Path reportDir, boolean quiet, PrintStream out) {
    out.println("Scenario " + loaded.name() + ": " + loaded.description());
    out.println("Targets: " + String.join(", ", loaded.targets().stream().map(t -> t.url()).toList()));
    ScenarioOutcome outcome;
    try (ScenarioContext context = new ScenarioContext(loaded, ClusterControl.home(), out, !quiet).reportingTo(reportDir)) {
      outcome = ScenarioRunner.forName(loaded.runner()).run(context);
    } catch (IllegalArgumentException | IllegalStateException e) {
      System.err.println("load run: " + e.getMessage());
      return 1;
    }
    RunResult main = outcome.main();
    ThresholdCheck check = ThresholdCheck.of(gates, main);
    out.println();
    ResultTable.print(out, outcome.runs());
    if (!outcome.summary().isEmpty()) {
      out.println();
      outcome.summary().forEach(out::println);
    }
    if (!check.verdicts().isEmpty()) {
      out.println();
      out.println("Thresholds (on " + main.name() + "):");
      check.verdicts().forEach(v -> out.println("  " + v.describe()));
    }
    if (reportDir != null) {
      ReportWriter writer = new ReportWriter(reportDir);
      outcome.runs().forEach(run -> writer.writeRun(run, outcome.plotEachRun()));
      outcome.plots().forEach(writer::addPlot);
      Path json = writer.writeJson(loaded.name(), outcome.runs(), check, outcome.findings());
      out.println();
      out.println("Report: " + json.toAbsolutePath());
      writer.plots().forEach(p -> out.println("Plot:   " + p.toAbsolutePath()));
    }
    if (!outcome.checksHold()) {
      out.println("Scenario check FAILED");
      return CHECK_FAILED;
    }
    return check.allHold() ? 0 : THRESHOLD_VIOLATED;
  }

  private List<String> overrides() {
    List<String> all = new ArrayList<>();
    if (targets != null) {
      all.add("targets=" + quote(targets));
    }
    if (rate != null) {
      all.add("load.rate=" + rate);
      all.add("load.profile=constant");
    }
    if (duration != null) {
      all.add("load.duration=" + duration);
    }
    if (requests != null) {
      all.add("load.max-requests=" + requests);
    }
    if (concurrency != null) {
      all.add("load.concurrency=" + concurrency);
    }
    if (mode != null) {
      all.add("load.mode=" + mode);
    }
    if (arrivals != null) {
      all.add("load.arrivals=" + arrivals);
    }
    if (connections != null) {
      all.add("engine.connections=" + connections);
    }
    if (token != null) {
      all.add("token=" + quote(token));
    }
    all.addAll(sets);
    return all;
  }

  private static String quote(String s) {
    return com.typesafe.config.ConfigUtil.quoteString(s);
  }
}
