package io.cellwork.loaddriver;

import io.cellwork.loaddriver.api.CellworkApi;
import io.cellwork.loaddriver.demo.Demo;
import java.time.Duration;
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
      description = "Start a node if none runs, drive a short mixed workload and show what happened.")
  static final class DemoCommand implements java.util.concurrent.Callable<Integer> {
    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", description = "node to talk to (default ${DEFAULT-VALUE})")
    String url;

    @Override
    public Integer call() {
      ExecutorService executor = Executors.newFixedThreadPool(4);
      try {
        CellworkApi api = new CellworkApi(url, executor, Duration.ofSeconds(30));
        ClusterControl cluster = new ClusterControl(ClusterControl.home());
        if (!cluster.isReady(api)) {
          System.out.println("No ready node at " + url + "; starting a local cluster of one node ...");
          int started = cluster.cellctl("cluster", "start", "--nodes", "1");
          if (started != 0) {
            return started;
          }
        }
        boolean ok = new Demo(api, cluster, System.out, Demo.DemoSize.DEFAULT).run();
        System.out.println();
        System.out.println("Look further: bin/cellctl cluster status | bin/cellctl cells | curl " + url + "/metrics");
        System.out.println("Stop the cluster with: bin/cellctl cluster stop");
        return ok ? 0 : 1;
      } finally {
        executor.shutdownNow();
      }
    }
  }
}
