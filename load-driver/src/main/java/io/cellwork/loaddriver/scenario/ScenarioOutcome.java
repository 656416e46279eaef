package io.cellwork.loaddriver.scenario;

import io.cellwork.loaddriver.engine.RunResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a scenario found: its load runs (the last is the main one for thresholds), its own findings
 * for report.json, lines to print under the table, whether its checks hold, extra plots, and
 * whether each run gets its own plots over time (not worth it for a sweep's many short steps).
 */
public record ScenarioOutcome(List<RunResult> runs, Map<String, Object> findings, List<String> summary,
    boolean checksHold, List<Path> plots, boolean plotEachRun) {

  public ScenarioOutcome(List<RunResult> runs, Map<String, Object> findings, List<String> summary, boolean checksHold,
      List<Path> plots) {
    this(runs, findings, summary, checksHold, plots, true);
  }

  public static ScenarioOutcome of(RunResult run) {
    return new ScenarioOutcome(List.of(run), Map.of(), List.of(), true, List.of());
  }

  public RunResult main() {
    return runs.get(runs.size() - 1);
  }
}
