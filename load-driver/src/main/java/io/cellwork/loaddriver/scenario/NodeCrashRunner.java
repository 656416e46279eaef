package io.cellwork.loaddriver.scenario;

final class NodeCrashRunner implements ScenarioRunner {
  @Override
  public ScenarioOutcome run(ScenarioContext context) {
    throw new UnsupportedOperationException("NodeCrashRunner");
  }
}
