package io.cellwork.loaddriver.scenario;

/**
 * One load run of the scenario's workload and plan, reported as a total and by the scenario's
 * groups: baseline, hot-partition (celebrity apart from the others), head-of-line (small tasks
 * apart from large ones). With {@code load.warm-up}, an unreported run of the same plan goes first.
 */
final class PlainRunner implements ScenarioRunner {
  @Override
  public ScenarioOutcome run(ScenarioContext context) {
    Scenario s = context.scenario();
    context.warmUp();
    return ScenarioOutcome.of(context.load(s.name(), s.plan(), context.requests("t")));
  }
}
