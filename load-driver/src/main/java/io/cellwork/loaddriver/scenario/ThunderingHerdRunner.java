package io.cellwork.loaddriver.scenario;

final class ThunderingHerdRunner implements ScenarioRunner {
  @Override
  public ScenarioOutcome run(ScenarioContext context) {
    throw new UnsupportedOperationException("ThunderingHerdRunner");
  }
}
