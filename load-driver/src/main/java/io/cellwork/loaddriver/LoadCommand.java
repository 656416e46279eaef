package io.cellwork.loaddriver;

import io.cellwork.loaddriver.scenario.Scenario;
import io.cellwork.loaddriver.usl.UslFitCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cellctl load ...}: run scenarios, list them, fit the USL to a sweep. */
@Command(name = "load", mixinStandardHelpOptions = true,
    description = "Drive load against Cellwork through its HTTP API.",
    subcommands = {RunCommand.class, LoadCommand.ListCommand.class, UslFitCommand.class})
public final class LoadCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(System.out);
    return 0;
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the scenarios in conf/scenarios.")
  static final class ListCommand implements Callable<Integer> {
    @Override
    public Integer call() {
      for (String name : Scenario.available(ClusterControl.home())) {
        Scenario s = Scenario.load(ClusterControl.home(), name, java.util.List.of());
        System.out.printf("%-16s %s%n", name, s.description());
      }
      return 0;
    }
  }
}
