package io.cellwork.controlplane.cluster;

import io.cellwork.controlplane.cli.CellCtl;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Runs {@code cellctl} commands in-process against one node, capturing what they print. */
final class Console {
  /** What a command printed, and its exit code. */
  record Run(int exitCode, String out, String err) {}

  private final String url;
  private final Path tokenFile;

  Console(String url, Path tokenFile) {
    this.url = url;
    this.tokenFile = tokenFile;
  }

  /** e.g. {@code run("kill", "list")}; the node and token options are added after the subcommand. */
  Run run(String... args) {
    List<String> full = new ArrayList<>(List.of(args));
    full.addAll(List.of("--url", url, "--token-file", tokenFile.toString()));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = CellCtl.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exitCode = cli.execute(full.toArray(String[]::new));
    return new Run(exitCode, out.toString(), err.toString());
  }
}
