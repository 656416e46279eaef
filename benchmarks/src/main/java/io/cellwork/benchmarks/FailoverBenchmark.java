package io.cellwork.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cellwork.controlplane.launcher.ClusterLayout;
import io.cellwork.controlplane.launcher.Journal;
import io.cellwork.controlplane.launcher.LocalCluster;
import io.cellwork.controlplane.launcher.NodeStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Failover of a three-node local cluster: SIGKILL a node, and measure until every cell answers
 * again from a survivor (asked with a 250 ms timeout, every 100 ms). Five kills, alternating
 * nodes 1 and 2; the killed node is restarted and the cells rebalanced before the next kill. The
 * cluster uses its own ports and directory, so it does not disturb a cluster of yours.
 */
public final class FailoverBenchmark {
  private static final int NODES = 3;
  private static final int KILLS = 5;
  private static final Duration START = Duration.ofSeconds(180);

  private final LocalCluster cluster;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final ObjectMapper mapper = new ObjectMapper();

  private FailoverBenchmark(LocalCluster cluster) {
    this.cluster = cluster;
  }

  public static void main(String[] args) throws Exception {
    Path home = Path.of(System.getProperty("cellwork.home", "")).toAbsolutePath();
    String journal = args.length > 0 ? args[0] : "h2";
    ClusterLayout layout = new ClusterLayout(home, home.resolve("var/bench-failover"), 28520, 8180, 9192);
    LocalCluster cluster = new LocalCluster(layout);
    try {
      new FailoverBenchmark(cluster).run(Journal.parse(journal));
    } finally {
      cluster.stop(Duration.ofSeconds(60));
    }
  }

  private void run(Journal journal) throws Exception {
    System.err.println("starting " + NODES + " nodes (" + journal + " journal) ...");
    cluster.start(NODES, journal, START);
    awaitSpread();
    List<Double> seconds = new ArrayList<>();
    for (int kill = 0; kill < KILLS; kill++) {
      int victim = 1 + kill % 2;
      long killed = System.nanoTime();
      cluster.killNode(victim);
      awaitAllCellsAnswer(cluster.layout().httpUrl(0), Duration.ofSeconds(90));
      double elapsed = (System.nanoTime() - killed) / 1e9;
      seconds.add(elapsed);
      System.out.printf("kill %d (node %d): every cell answers again %.1f s after SIGKILL%n", kill + 1, victim, elapsed);
      cluster.restartNode(victim, START);
      awaitSpread();
    }
    List<Double> sorted = seconds.stream().sorted().toList();
    System.out.printf("failover over %d kills: median %.1f s, min %.1f s, max %.1f s (goal <= 15 s)%n",
        KILLS, sorted.get(KILLS / 2), sorted.get(0), sorted.get(KILLS - 1));
  }

  private void awaitAllCellsAnswer(String url, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (answeringCells(url) < 64) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("cells did not all answer within " + timeout);
      }
      Thread.sleep(100);
    }
  }

  private int answeringCells(String url) {
    try {
      HttpResponse<String> response = http.send(
          HttpRequest.newBuilder(URI.create(url + "/v1/cells?timeoutMs=250")).timeout(Duration.ofSeconds(5)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      int up = 0;
      for (JsonNode cell : mapper.readTree(response.body()).path("cells")) {
        if (cell.path("status").asText().equals("up")) {
          up++;
        }
      }
      return up;
    } catch (Exception noAnswer) {
      return 0;
    }
  }

  /**
   * Waits until every node hosts its share of cells and rebalancing has settled (the same
   * placement twice, three seconds apart), so each kill takes a full share with it.
   */
  private void awaitSpread() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    List<Integer> previous = List.of();
    while (true) {
      List<NodeStatus> statuses = cluster.status();
      List<Integer> placement = statuses.stream().map(NodeStatus::cells).toList();
      if (statuses.size() == NODES && placement.stream().allMatch(c -> c >= 20) && placement.equals(previous)) {
        return;
      }
      previous = placement;
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("cells did not spread over the nodes: " + statuses);
      }
      Thread.sleep(3000);
    }
  }
}
