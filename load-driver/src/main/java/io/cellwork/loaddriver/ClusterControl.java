package io.cellwork.loaddriver;

import io.cellwork.loaddriver.api.CellworkApi;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The load driver's only way to start or disturb a cluster: the real {@code bin/cellctl}, run as
 * a separate process, exactly as an operator would.
 */
public final class ClusterControl {
  private final Path home;

  public ClusterControl(Path home) {
    this.home = home;
  }

  public boolean isReady(CellworkApi api) {
    return api.get("/v1/health/ready").join().status() == 200;
  }

  /** Runs {@code bin/cellctl ARGS...} with its output shown, and returns its exit code. */
  public int cellctl(String... args) {
    List<String> command = new ArrayList<>();
    command.add(home.resolve("bin/cellctl").toString());
    command.addAll(List.of(args));
    try {
      return new ProcessBuilder(command).directory(home.toFile()).inheritIO().start().waitFor();
    } catch (IOException e) {
      throw new IllegalStateException("cannot run bin/cellctl: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running bin/cellctl", e);
    }
  }

  /** What a {@code cellctl} run printed on standard output, and its exit code. */
  public record ConsoleRun(int exitCode, String output) {}

  /** Runs {@code bin/cellctl ARGS...} capturing its standard output (errors still show). */
  public ConsoleRun cellctlCapturing(String... args) {
    List<String> command = new ArrayList<>();
    command.add(home.resolve("bin/cellctl").toString());
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).directory(home.toFile())
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
      String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      return new ConsoleRun(process.waitFor(), output);
    } catch (IOException e) {
      throw new IllegalStateException("cannot run bin/cellctl: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running bin/cellctl", e);
    }
  }

  public static Path home() {
    String home = System.getProperty("cellwork.home");
    return Path.of(home != null ? home : "").toAbsolutePath();
  }
}
