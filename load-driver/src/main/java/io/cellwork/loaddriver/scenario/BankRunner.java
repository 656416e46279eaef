package io.cellwork.loaddriver.scenario;

final class BankRunner implements ScenarioRunner {
  @Override
  public ScenarioOutcome run(ScenarioContext context) {
    throw new UnsupportedOperationException("BankRunner");
  }
}
