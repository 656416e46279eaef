package io.cellwork.loaddriver;

import io.cellwork.loaddriver.api.CellworkApi;
import io.cellwork.loaddriver.demo.Demo;
import io.cellwork.loaddriver.scenario.Scenario;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The load driver's command line; {@code bin/cellctl demo} and {@code bin/cellctl load ...} land here. */
@Command(
    name = "cellctl",
    mixinStandardHelpOptions = true,
    description = "Drive load against Cellwork through its HTTP API.",
    subcommands = {LoadDriverMain.DemoCommand.class, LoadCommand.class})
public final class LoadDriverMain {

  public static void main(String[] args) {
    System.exit(new CommandLine(new LoadDriverMain()).execute(args));
  }

  @Command(name = "demo", mixinStandardHelpOptions = true,
      description = "Start a local 3-node cluster (or reuse the running one), tour the API with a mixed workload,"
          + " then drive load over all nodes with a kill switch engaged mid-run, and show the report.")
  static final class DemoCommand implements java.util.concurrent.Callable<Integer> {
    /** The demo's cluster: the README's three local nodes. */
    private static final int NODES = 3;
    private static final int FIRST_HTTP_PORT = 8080;

    @Option(names = "--scenario", defaultValue = "demo", description = "the load scenario of the second part (default ${DEFAULT-VALUE})")
    String scenario;

    @Override
    public Integer call() {
      ExecutorService executor = Executors.newFixedThreadPool(4);
      try {
        ClusterControl cluster = new ClusterControl(ClusterControl.home());
        System.out.println("== 1. A local cluster of " + NODES + " nodes (`cellctl cluster start --nodes " + NODES + "`)");
        int started = cluster.cellctl("cluster", "start", "--nodes", Integer.toString(NODES));
        if (started != 0) {
          return started;
        }
        List<String> targets = new java.util.ArrayList<>();
        for (int i = 0; i < NODES; i++) {
          CellworkApi node = new CellworkApi("http://127.0.0.1:" + (FIRST_HTTP_PORT + i), executor, Duration.ofSeconds(30));
          if (cluster.isReady(node)) {
            targets.add(node.baseUrl());
          }
        }
        if (targets.isEmpty()) {
          System.out.println("No node is ready; see `bin/cellctl cluster status`.");
          return 1;
        }
        CellworkApi api = new CellworkApi(targets.get(0), executor, Duration.ofSeconds(30));

        System.out.println();
        System.out.println("== 2. A tour of the API: transient and durable tasks, the ledger, a runaway tenant stopped by a"
            + " kill switch, bad requests");
        boolean tourOk = new Demo(api, cluster, System.out, Demo.DemoSize.DEFAULT).run();

        System.out.println();
        System.out.println("== 3. Load over " + targets.size() + " node(s) with a global kill switch engaged mid-run"
            + " (`cellctl load run --scenario " + scenario + "`)");
        Scenario load = Scenario.load(ClusterControl.home(), scenario,
            List.of("targets=" + com.typesafe.config.ConfigUtil.quoteString(String.join(",", targets))));
        java.nio.file.Path reportDir = ClusterControl.home().resolve("var/reports")
            .resolve("demo-" + java.time.LocalDateTime.now().format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        int loadExit = RunCommand.execute(load, List.of(), reportDir, false, System.out);

        System.out.println();
        System.out.println("Tour checks: " + (tourOk ? "all held" : "SOME FAILED") + "; load scenario: "
            + (loadExit == 0 ? "every node stopped and recovered" : "FAILED (exit " + loadExit + ")"));
        System.out.println("Look further: bin/cellctl cluster status | bin/cellctl cells | curl " + targets.get(0) + "/metrics");
        System.out.println("More scenarios: bin/cellctl load list; bin/cellctl load run --scenario baseline --report DIR");
        System.out.println("Stop the cluster with: bin/cellctl cluster stop");
        return tourOk && loadExit == 0 ? 0 : 1;
      } finally {
        executor.shutdownNow();
      }
    }
  }
}
