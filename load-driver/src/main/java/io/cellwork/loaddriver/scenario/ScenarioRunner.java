package io.cellwork.loaddriver.scenario;

/** Drives one kind of scenario (the {@code runner} key of its file). */
@FunctionalInterface
public interface ScenarioRunner {
  ScenarioOutcome run(ScenarioContext context);

  /** The runner for a scenario's {@code runner} key. */
  static ScenarioRunner forName(String runner) {
    return switch (runner) {
      case "plain" -> new PlainRunner();
      case "bank" -> new BankRunner();
      case "kill-switch" -> new KillSwitchRunner();
      case "node-crash" -> new NodeCrashRunner();
      case "thundering-herd" -> new ThunderingHerdRunner();
      case "usl-sweep" -> new UslSweepRunner();
      default -> throw new IllegalArgumentException(
          "runner must be plain, bank, kill-switch, node-crash, thundering-herd or usl-sweep, not " + runner);
    };
  }
}
