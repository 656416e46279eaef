package io.cellwork.loaddriver.scenario;

final class UslSweepRunner implements ScenarioRunner {
  @Override
  public ScenarioOutcome run(ScenarioContext context) {
    throw new UnsupportedOperationException("UslSweepRunner");
  }
}
