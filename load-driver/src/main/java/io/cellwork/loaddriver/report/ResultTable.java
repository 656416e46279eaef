package io.cellwork.loaddriver.report;

import io.cellwork.loaddriver.engine.RunResult;
import io.cellwork.loaddriver.engine.Slice;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** The final table of one or more runs: a row for each run's total and each of its groups. */
public final class ResultTable {
  private ResultTable() {}

  public static void print(PrintStream out, List<RunResult> runs) {
    TextTable table = new TextTable("run / group", "sent", "ok", "errors", "ok/s", "p50 ms", "p90 ms", "p99 ms",
        "p99.9 ms", "max ms", "errors by kind");
    for (RunResult run : runs) {
      row(table, run.name(), run.total(), run.achievedRate(), run.unanswered());
      run.groups().forEach((name, slice) -> row(table, "  " + name, slice,
          run.elapsedSeconds() <= 0 ? 0 : slice.ok() / run.elapsedSeconds(), 0));
    }
    table.print(out);
  }

  private static void row(TextTable table, String name, Slice s, double okRate, long unanswered) {
    List<String> kinds = new ArrayList<>();
    s.errors().forEach((k, v) -> kinds.add(k + "=" + v));
    if (unanswered > 0) {
      kinds.add("unanswered=" + unanswered);
    }
    table.row(name, s.sent(), s.ok(), s.errorCount() + unanswered, okRate, s.millisAt(50), s.millisAt(90),
        s.millisAt(99), s.millisAt(99.9), s.maxMillis(), kinds.isEmpty() ? "-" : String.join(" ", kinds));
  }
}
