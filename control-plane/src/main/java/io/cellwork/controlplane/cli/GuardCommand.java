package io.cellwork.controlplane.cli;

import io.cellwork.intelligence.simulation.GuardSimulation;
import io.cellwork.intelligence.simulation.Scenario;
import io.cellwork.intelligence.simulation.SimulationResult;
import io.cellwork.intelligence.simulation.SimulationSettings;
import io.cellwork.intelligence.simulation.World;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cellctl guard ...}: the ML guard, offline against a simulated world with known truth. */
@Command(
    name = "guard",
    mixinStandardHelpOptions = true,
    description = "The ML guard: simulate it against synthetic streams with known truth.",
    footer = {"", "Exit codes: 0 done, 2 invalid arguments."})
final class GuardCommand {
  private static final int INVALID = 2;

  @Spec
  CommandSpec spec;

  @Command(name = "simulate", mixinStandardHelpOptions = true,
      description = {"Run the real guard, the holdout feedback-loop test and the seed's correlation check on a "
          + "synthetic task stream where served predictions pull outcomes toward themselves with strength C.",
          "...After counts outcomes (tasks) from the change point (accuracy-drop: the break; else the first task); "
              + "negative = before it (a false alarm)."})
  int simulate(
      @Option(names = "--scenario", required = true, description = "stationary, accuracy-drop or feedback") String scenario,
      @Option(names = "--coupling", description = "C in [0, 1] (default: 0.3 for feedback, else 0)") Double coupling,
      @Option(names = "--seed", defaultValue = "1", description = "random seed (default ${DEFAULT-VALUE})") long seed,
      @Option(names = "--samples", defaultValue = "10000", description = "tasks to simulate (default ${DEFAULT-VALUE})") int samples,
      @Option(names = "--world", defaultValue = "wide",
          description = "wide: costs spread over 10x, good model (correlation ~0.98); "
              + "narrow: costs within 10%%, noisy but useful model (correlation ~0.45) (default ${DEFAULT-VALUE})") String world,
      @Option(names = "--json", description = "print one JSON line") boolean json) {
    SimulationSettings settings;
    try {
      Scenario chosen = Scenario.parse(scenario);
      settings = new SimulationSettings(chosen, coupling != null ? coupling : chosen.defaultCoupling(), seed, samples,
          world(world));
    } catch (IllegalArgumentException invalid) {
      spec.commandLine().getErr().println("cellctl guard simulate: " + invalid.getMessage());
      return INVALID;
    }
    GuardSimulation.Detailed run = new GuardSimulation(settings).runWithDetail();
    SimulationResult result = run.result();
    if (json) {
      spec.commandLine().getOut().println(result.toJson());
    } else {
      spec.commandLine().getOut().printf("%s, coupling %.2f, seed %d, %d tasks, %s world%n", settings.scenario().id(),
          settings.coupling(), seed, samples, world);
      new Table("detector", "alarm", "after")
          .row("guard (rolling error)", result.tripped() ? "tripped" : "closed", orDash(result.tripAfter()))
          .row("feedback (holdout, sequential)", result.feedbackAlarm() ? "ALARM" : "quiet", orDash(result.feedbackAlarmAfter()))
          .row("naive correlation > 0.8", result.naiveCorrelationAlarm() ? "ALARM" : "quiet",
              orDash(run.naiveCorrelationAlarmAfter()))
          .print(spec.commandLine().getOut());
    }
    spec.commandLine().getOut().flush();
    return 0;
  }

  private static World world(String name) {
    return switch (name) {
      case "wide" -> World.defaults();
      case "narrow" -> World.narrowCosts();
      default -> throw new IllegalArgumentException("unknown world '" + name + "', expected wide or narrow");
    };
  }

  private static String orDash(Long count) {
    return count == null ? "-" : count.toString();
  }
}
