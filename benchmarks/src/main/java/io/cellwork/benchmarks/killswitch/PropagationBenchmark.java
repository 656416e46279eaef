package io.cellwork.benchmarks.killswitch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cellwork.controlplane.launcher.AdminToken;
import io.cellwork.controlplane.launcher.ClusterLayout;
import io.cellwork.controlplane.launcher.Journal;
import io.cellwork.controlplane.launcher.LocalCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Kill-switch propagation on a three-node local cluster: from the moment the engage call returns
 * until every node refuses new work in the switch's scope, measured by each node being asked
 * (one request after the other, per node in parallel) until it answers 503. Each engage goes to
 * the next node in turn, with a fresh tenant scope, and is released before the next one.
 *
 * <p>Run three times, once per way a change can travel: pushed to every node's registry and
 * written directly to every replica (the default), written directly only, and gossip only.
 * The baseline is a bare HTTP round trip to the same
 * nodes ({@code GET /v1/health/alive}), which is also the resolution of the measurement.
 */
public final class PropagationBenchmark {
  private static final int NODES = 3;
  private static final int WARM_UP = 10;
  private static final int BASELINE_REQUESTS = 600;
  private static final Duration START = Duration.ofSeconds(180);
  private static final Duration GIVE_UP = Duration.ofSeconds(10);

  private final LocalCluster cluster;
  private final String token;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final ObjectMapper mapper = new ObjectMapper();
  private final ExecutorService pollers = Executors.newFixedThreadPool(NODES);

  private PropagationBenchmark(LocalCluster cluster, String token) {
    this.cluster = cluster;
    this.token = token;
  }

  public static void main(String[] args) throws Exception {
    Path home = Path.of(System.getProperty("cellwork.home", "")).toAbsolutePath();
    List<String> report = new ArrayList<>();
    report.add(run(home, Replication.PUSH_AND_DIRECT_WRITE, 0));
    report.add(run(home, Replication.DIRECT_WRITE, 1));
    report.add(run(home, Replication.GOSSIP, 2));
    System.out.println();
    System.out.println("kill-switch propagation, 3 nodes (engage returns -> every node refuses the scope):");
    report.forEach(System.out::println);
  }

  /** The ways a change can travel, as configured by {@code cellwork.killswitch.replication}. */
  private enum Replication {
    PUSH_AND_DIRECT_WRITE("push + direct write (the default)", true, true, 200),
    DIRECT_WRITE("direct write only", true, false, 100),
    GOSSIP("gossip only", false, false, 30);

    final String label;
    final boolean directWrite;
    final boolean push;
    final int engagements;

    Replication(String label, boolean directWrite, boolean push, int engagements) {
      this.label = label;
      this.directWrite = directWrite;
      this.push = push;
      this.engagements = engagements;
    }
  }

  private static String run(Path home, Replication replication, int portBlock) throws Exception {
    String name = replication.name().toLowerCase(java.util.Locale.ROOT);
    ClusterLayout layout = new ClusterLayout(home, home.resolve("var/bench-killswitch/" + name),
        29520 + portBlock * 10, 8280 + portBlock * 10, 9292 + portBlock);
    LocalCluster cluster = new LocalCluster(layout, List.of(
        "-Dcellwork.killswitch.replication.direct-write=" + replication.directWrite,
        "-Dcellwork.killswitch.replication.push-to-peers=" + replication.push));
    int engagements = replication.engagements;
    try {
      System.err.println("starting " + NODES + " nodes (" + replication.label + ") ...");
      cluster.start(NODES, Journal.H2, START);
      PropagationBenchmark benchmark = new PropagationBenchmark(cluster, AdminToken.read(layout.adminTokenFile()));
      try {
        return benchmark.measure(replication, engagements);
      } finally {
        benchmark.pollers.shutdownNow();
      }
    } finally {
      cluster.stop(Duration.ofSeconds(60));
    }
  }

  private String measure(Replication replication, int engagements) throws Exception {
    String name = replication.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    List<Double> roundTrips = new ArrayList<>();
    for (int i = 0; i < BASELINE_REQUESTS; i++) {
      long start = System.nanoTime();
      send(HttpRequest.newBuilder(URI.create(node(i) + "/v1/health/alive")).GET());
      roundTrips.add((System.nanoTime() - start) / 1e6);
    }
    for (int i = 0; i < WARM_UP; i++) {
      engageAndWatch(name + "-warm-up-" + i, i);
    }
    List<Double> propagation = new ArrayList<>();
    List<Double> enforced = new ArrayList<>();
    int refusedAtOnce = 0;
    for (int i = 0; i < engagements; i++) {
      Observation observation = engageAndWatch(name + "-" + i + "-" + System.nanoTime(), i);
      propagation.add(observation.millis());
      enforced.add(observation.enforcedMillis());
      refusedAtOnce += observation.everyNodeRefusedFirstAsk() ? 1 : 0;
    }
    double baseline = percentile(roundTrips, 50);
    double p50 = percentile(propagation, 50);
    double p99 = percentile(propagation, 99);
    double enforcedP99 = percentile(enforced, 99);
    String goal = replication == Replication.PUSH_AND_DIRECT_WRITE ? (p99 <= 50 ? "met" : "MISSED") + " as seen by clients, "
        + (enforcedP99 <= 50 ? "met" : "MISSED") + " as enforced by the nodes" : "";
    return String.format(
        "  %s, %d engagements%n"
            + "    every node answers 503 (client view): p50 %6.1f ms, p99 %6.1f ms, max %6.1f ms;"
            + " every node refused at its first ask in %d of %d; p50 = %.1fx a bare HTTP round trip (p50 %.2f ms)%n"
            + "    every node enforces it (node view):    p50 %6.1f ms, p99 %6.1f ms, max %6.1f ms%s",
        replication.label, engagements, p50, p99, percentile(propagation, 100), refusedAtOnce, engagements, p50 / baseline, baseline,
        percentile(enforced, 50), enforcedP99, percentile(enforced, 100),
        goal.isEmpty() ? "" : "%n    goal p99 <= 50 ms: ".formatted() + goal);
  }

  /**
   * @param millis until every node had answered 503 (client view: includes a request's round trip)
   * @param enforcedMillis until the last node installed the switch (node view: from the times
   *     each node reports in the switch's {@code appliedAt}), 0 if all had before the call returned
   */
  private record Observation(double millis, boolean everyNodeRefusedFirstAsk, double enforcedMillis) {}

  /** Milliseconds from {@code returnedAt} until the last node started enforcing the switch. */
  private double lastAppliedAfter(String id, Instant returnedAt, String url) throws Exception {
    long giveUp = System.nanoTime() + GIVE_UP.toNanos();
    while (System.nanoTime() < giveUp) {
      HttpResponse<String> listed = send(HttpRequest.newBuilder(URI.create(url + "/v1/killswitches"))
          .header("Authorization", "Bearer " + token).GET());
      for (JsonNode s : mapper.readTree(listed.body()).path("killswitches")) {
        if (s.path("id").asText().equals(id) && s.path("appliedAt").size() == NODES) {
          Instant last = Instant.MIN;
          for (JsonNode at : s.path("appliedAt")) {
            Instant applied = Instant.parse(at.asText());
            last = applied.isAfter(last) ? applied : last;
          }
          return Math.max(0, Duration.between(returnedAt, last).toNanos() / 1e6);
        }
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("switch " + id + " never showed as applied by all " + NODES + " nodes");
  }

  private Observation engageAndWatch(String tenant, int i) throws Exception {
    String body = mapper.writeValueAsString(
        Map.of("scope", "tenant:" + tenant, "mode", "reject_new", "reason", "propagation benchmark"));
    HttpResponse<String> engaged = send(HttpRequest.newBuilder(URI.create(node(i) + "/v1/killswitches"))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
    long returned = System.nanoTime();
    Instant returnedAt = Instant.now(); // the nodes run on this host: their clocks are this clock
    if (engaged.statusCode() != 201) {
      throw new IllegalStateException("engage failed: " + engaged.statusCode() + " " + engaged.body());
    }
    String task = mapper.writeValueAsString(Map.of("tenant", tenant, "key", "k", "kind", "echo"));
    List<Callable<long[]>> watches = new ArrayList<>();
    for (int node = 0; node < NODES; node++) {
      String url = cluster.layout().httpUrl(node) + "/v1/tasks";
      watches.add(() -> firstRefusal(url, task));
    }
    long lastRefusal = returned;
    boolean firstAsks = true;
    for (Future<long[]> watch : pollers.invokeAll(watches)) {
      long[] refusal = watch.get();
      lastRefusal = Math.max(lastRefusal, refusal[0]);
      firstAsks &= refusal[1] == 1;
    }
    String id = mapper.readTree(engaged.body()).path("id").asText();
    double enforcedEverywhere = lastAppliedAfter(id, returnedAt, node(i));
    send(HttpRequest.newBuilder(URI.create(node(i) + "/v1/killswitches/" + id))
        .header("Authorization", "Bearer " + token).DELETE());
    return new Observation((lastRefusal - returned) / 1e6, firstAsks, enforcedEverywhere);
  }

  /** When the node first answered 503 for the task, and after how many asks. */
  private long[] firstRefusal(String url, String task) throws Exception {
    long giveUp = System.nanoTime() + GIVE_UP.toNanos();
    for (long asks = 1; System.nanoTime() < giveUp; asks++) {
      HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(url))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(task)));
      if (answer.statusCode() == 503) {
        return new long[] {System.nanoTime(), asks};
      }
    }
    throw new IllegalStateException(url + " never refused " + task + " within " + GIVE_UP);
  }

  private String node(int i) {
    return cluster.layout().httpUrl(i % NODES);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static double percentile(List<Double> values, double percentile) {
    List<Double> sorted = values.stream().sorted().toList();
    int index = (int) Math.ceil(percentile / 100 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }
}
