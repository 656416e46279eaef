package io.cellwork.benchmarks;

import io.cellwork.controlplane.launcher.ClusterLayout;
import io.cellwork.controlplane.launcher.Journal;
import io.cellwork.controlplane.launcher.LocalCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tasks per second through the HTTP API on one node and on three, driven by {@code wrk} (one wrk
 * per node, all at once), each figure next to a bare endpoint ({@code GET /v1/health/alive}) on
 * the same cluster in the same run. On this two-core machine three JVMs share the cores that one
 * had: the point is what the numbers show, not more is faster.
 */
public final class ClusterThroughputBenchmark {
  private static final int CONNECTIONS = 48;
  private static final Duration RUN = Duration.ofSeconds(15);
  private static final Duration WARM_UP = Duration.ofSeconds(8);
  private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");

  private final Path home;
  private final Path dir;

  private ClusterThroughputBenchmark(Path home) {
    this.home = home;
    this.dir = home.resolve("var/bench-cluster");
  }

  record Rate(double perSecond, long non2xx) {}

  public static void main(String[] args) throws Exception {
    Path home = Path.of(System.getProperty("cellwork.home", "")).toAbsolutePath();
    new ClusterThroughputBenchmark(home).run();
  }

  private void run() throws Exception {
    Files.createDirectories(dir);
    Map<String, String> scripts = new LinkedHashMap<>();
    scripts.put("transient echo", script("transient"));
    scripts.put("durable echo", script("durable"));
    Map<Integer, Map<String, Rate>> results = new LinkedHashMap<>();
    for (int nodes : new int[] {1, 3}) {
      ClusterLayout layout = new ClusterLayout(home, dir.resolve(nodes + "-nodes"), 29520, 8280, 9292);
      LocalCluster cluster = new LocalCluster(layout);
      try {
        System.err.println("starting " + nodes + " node(s) ...");
        cluster.start(nodes, Journal.H2, Duration.ofSeconds(180));
        Thread.sleep(5_000); // let the cells settle on their nodes
        Map<String, Rate> rates = new LinkedHashMap<>();
        rates.put("bare endpoint", drive(layout, nodes, null, "/v1/health/alive"));
        for (Map.Entry<String, String> scenario : scripts.entrySet()) {
          rates.put(scenario.getKey(), drive(layout, nodes, scenario.getValue(), "/v1/tasks"));
        }
        results.put(nodes, rates);
      } finally {
        cluster.stop(Duration.ofSeconds(60));
      }
    }
    report(results);
  }

  /** Warms up, then runs one wrk per node at once; returns the summed rate. */
  private Rate drive(ClusterLayout layout, int nodes, String script, String path) throws Exception {
    System.err.println("  " + (script == null ? "GET " + path : script) + " on " + nodes + " node(s) ...");
    wrkAll(layout, nodes, script, path, WARM_UP);
    return wrkAll(layout, nodes, script, path, RUN);
  }

  private Rate wrkAll(ClusterLayout layout, int nodes, String script, String path, Duration duration) throws Exception {
    List<Process> runs = new ArrayList<>();
    for (int node = 0; node < nodes; node++) {
      List<String> command = new ArrayList<>(List.of("wrk", "-t1", "-c" + CONNECTIONS / nodes,
          "-d" + duration.toSeconds() + "s"));
      if (script != null) {
        command.addAll(List.of("-s", script));
      }
      command.add(layout.httpUrl(node) + path);
      runs.add(new ProcessBuilder(command).redirectErrorStream(true).start());
    }
    double perSecond = 0;
    long non2xx = 0;
    for (Process run : runs) {
      String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      run.waitFor();
      Matcher rate = RATE.matcher(output);
      if (!rate.find()) {
        throw new IllegalStateException("wrk printed no rate:\n" + output);
      }
      perSecond += Double.parseDouble(rate.group(1));
      Matcher errors = NON_2XX.matcher(output);
      non2xx += errors.find() ? Long.parseLong(errors.group(1)) : 0;
    }
    return new Rate(perSecond, non2xx);
  }

  /** A wrk script posting tasks with unique ids over many keys (so over all cells). */
  private String script(String durability) throws IOException {
    Path file = dir.resolve("post-" + durability + ".lua");
    Files.writeString(file, """
        wrk.method = "POST"
        wrk.headers["Content-Type"] = "application/json"
        math.randomseed(os.time() + math.floor(os.clock() * 1000000))
        local run = string.format("%x", math.random(0, 2147483647))
        local n = 0
        request = function()
          n = n + 1
          local body = '{"id":"' .. run .. '-' .. n .. '","tenant":"bench","key":"k' .. (n % 10000)
            .. '","kind":"echo","durability":"DURABILITY"}'
          return wrk.format(nil, nil, nil, body)
        end
        """.replace("DURABILITY", durability));
    return file.toString();
  }

  private static void report(Map<Integer, Map<String, Rate>> results) {
    System.out.printf("%n%-16s %7s %14s %10s %16s %14s%n", "workload", "nodes", "requests/s", "non-2xx", "vs bare endpoint", "3 nodes vs 1");
    for (String workload : results.get(1).keySet()) {
      for (int nodes : results.keySet()) {
        Rate rate = results.get(nodes).get(workload);
        Rate bare = results.get(nodes).get("bare endpoint");
        String scaling = nodes == 1 ? "" : String.format("%.2f", rate.perSecond() / results.get(1).get(workload).perSecond());
        System.out.printf("%-16s %7d %,14.0f %10d %16.2f %14s%n", workload, nodes, rate.perSecond(), rate.non2xx(),
            rate.perSecond() / bare.perSecond(), scaling);
      }
    }
  }
}
