package io.cellwork.loaddriver.threshold;

import io.cellwork.loaddriver.engine.RunResult;
import java.util.ArrayList;
import java.util.List;

/** Every threshold of a run checked against its result: one verdict line each. */
public record ThresholdCheck(List<Verdict> verdicts) {

  /** One threshold and what was measured. */
  public record Verdict(Threshold threshold, double measured, boolean holds) {
    public String describe() {
      return String.format("%-28s measured %-14s %s", threshold.text(), threshold.show(measured), holds ? "ok" : "VIOLATED");
    }
  }

  public static ThresholdCheck of(List<Threshold> thresholds, RunResult result) {
    List<Verdict> verdicts = new ArrayList<>();
    for (Threshold t : thresholds) {
      double measured = t.measure(result);
      verdicts.add(new Verdict(t, measured, t.holds(measured)));
    }
    return new ThresholdCheck(verdicts);
  }

  public boolean allHold() {
    return verdicts.stream().allMatch(Verdict::holds);
  }
}
