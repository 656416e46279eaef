package io.cellwork.loaddriver.scenario;

final class KillSwitchRunner implements ScenarioRunner {
  @Override
  public ScenarioOutcome run(ScenarioContext context) {
    throw new UnsupportedOperationException("KillSwitchRunner");
  }
}
