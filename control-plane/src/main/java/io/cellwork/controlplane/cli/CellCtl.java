package io.cellwork.controlplane.cli;

import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code cellctl}: the operator's command line. {@code bin/cellctl} builds what is missing and
 * runs this (or, for {@code load} and {@code demo}, the load driver).
 */
@Command(
    name = "cellctl",
    mixinStandardHelpOptions = true,
    description = "Operate a Cellwork cluster.",
    subcommands = {ClusterCommand.class, CellsCommand.class, KillCommand.class, BreakerCommand.class, GuardCommand.class,
        ModelsCommand.class})
public final class CellCtl {

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  public static CommandLine commandLine() {
    return new CommandLine(new CellCtl());
  }

  /** The repository root: bin/cellctl passes it; otherwise the working directory. */
  static Path home() {
    String home = System.getProperty("cellwork.home");
    return Path.of(home != null ? home : "").toAbsolutePath();
  }
}
