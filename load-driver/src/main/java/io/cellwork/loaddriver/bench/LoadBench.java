package io.cellwork.loaddriver.bench;

import io.cellwork.loaddriver.engine.EngineSettings;
import io.cellwork.loaddriver.engine.HttpEngine;
import io.cellwork.loaddriver.engine.LoadPlan;
import io.cellwork.loaddriver.engine.LoadRun;
import io.cellwork.loaddriver.engine.PlannedRequest;
import io.cellwork.loaddriver.engine.RequestSource;
import io.cellwork.loaddriver.engine.RunResult;
import io.cellwork.loaddriver.engine.Target;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The driver's half of {@code bin/bench-loaddriver}: against a bare endpoint, (1) its maximum
 * sustained rate, closed loop over a fixed number of connections (as wrk measures it), and (2) its
 * own CPU share while offering a fixed open-loop rate: process CPU time over wall time and cores.
 * Usage: {@code LoadBench URL CONNECTIONS SECONDS max|cpu OPEN_RATE [IO_THREADS]}; each mode warms
 * up first. Prints key=value lines.
 */
public final class LoadBench {
  private static final RequestSource GET = random -> new PlannedRequest("GET", "/", null, new String[0], null);
  private static final Duration WARM_UP = Duration.ofSeconds(3);

  private LoadBench() {}

  public static void main(String[] args) {
    Target target = Target.parse(args[0]);
    int connections = Integer.parseInt(args[1]);
    Duration run = Duration.ofSeconds(Long.parseLong(args[2]));
    boolean max = args[3].equals("max");
    double openRate = Double.parseDouble(args[4]);
    int ioThreads = args.length > 5 ? Integer.parseInt(args[5]) : 2;
    EngineSettings settings = new EngineSettings(ioThreads, connections, Duration.ofSeconds(10), Duration.ofSeconds(2), 1_000_000);
    try (HttpEngine engine = new HttpEngine(settings, List.of(target))) {
      new LoadRun("warm-up", engine, LoadPlan.closed(connections, WARM_UP), GET).run(i -> { });
      if (max) {
        RunResult result = new LoadRun("max", engine, LoadPlan.closed(connections, run), GET).run(i -> { });
        System.out.printf(Locale.ROOT, "driver_max_rate=%.0f%n", result.achievedRate());
        System.out.printf(Locale.ROOT, "driver_max_p50_ms=%.3f%ndriver_max_p99_ms=%.3f%ndriver_max_errors=%d%n",
            result.total().millisAt(50), result.total().millisAt(99), result.total().errorCount());
        return;
      }

      long cpuBefore = cpuNanos();
      long wallBefore = System.nanoTime();
      RunResult open = new LoadRun("open", engine, LoadPlan.open(openRate, run), GET).run(i -> { });
      double cpu = (cpuNanos() - cpuBefore) / 1e9;
      double wall = (System.nanoTime() - wallBefore) / 1e9;
      int cores = Runtime.getRuntime().availableProcessors();
      System.out.printf(Locale.ROOT, "open_rate_target=%.0f%nopen_rate_achieved=%.0f%nopen_p50_ms=%.3f%nopen_p99_ms=%.3f%n",
          openRate, open.achievedRate(), open.total().millisAt(50), open.total().millisAt(99));
      System.out.printf(Locale.ROOT, "driver_cpu_seconds=%.2f%nwall_seconds=%.2f%ncores=%d%ndriver_cpu_share=%.1f%%%n",
          cpu, wall, cores, 100 * cpu / wall / cores);
    }
  }

  /** This process's CPU time (user + system, all threads). */
  private static long cpuNanos() {
    return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
  }
}
