package io.cellwork.controlplane.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cellwork.controlplane.launcher.Journal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill switches on a real 3-node cluster, operated through {@code cellctl}: a switch engaged on
 * node 0 refuses its scope on nodes 1 and 2; {@code hard_stop} cancels queued and running
 * durable tasks, which then read {@code killed}; release lets work flow again; an engage on a
 * node cut off from the others applies there at once and converges later; and a switch outlives
 * a stop and start of the whole cluster. The steps share one cluster and run in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KillSwitchClusterTest {
  private static final Pattern ENGAGED = Pattern.compile("Engaged (ks-[0-9a-f]+)");
  /** More than a cell runs at once (max-in-flight 64), all on one key: the rest queue. */
  private static final int STUCK_TASKS = 100;
  /** Spread over many keys, so their cells live on all three nodes. */
  private static final int DRAINED_TASKS = 30;
  /** Generous: the figure itself comes from bin/bench-killswitch; this only catches "never". */
  private static final Duration PROPAGATION_LIMIT = Duration.ofSeconds(2);
  /** Gossip (every second) brings a change to nodes that missed the direct write. */
  private static final Duration CONVERGENCE_LIMIT = Duration.ofSeconds(15);

  @TempDir static Path var;

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final ObjectMapper mapper = new ObjectMapper();
  private ClusterUnderTest cluster;
  private Console console;
  /** A reject_new switch engaged in the first step and never released. */
  private String rejectId;
  private final String tenant = "runaway-" + System.currentTimeMillis();

  @BeforeAll
  void startCluster() {
    cluster = new ClusterUnderTest(var, 5).start(3, Journal.H2);
    console = new Console(cluster.urls(0).get(0), cluster.adminTokenFile());
  }

  @AfterAll
  void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void aSwitchEngagedOnOneNodeRefusesItsScopeOnTheOthers() throws Exception {
    assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
        Files.getPosixFilePermissions(cluster.adminTokenFile()), "the admin token is readable by its owner only");
    rejectId = engage("tenant:" + tenant, "reject_new", "runaway client");
    for (String node : cluster.urls(1, 2)) {
      awaitRefused(node, task(tenant, "k", "echo", false), rejectId);
    }
    assertEquals(202, submit(cluster.urls(1).get(0), task("someone-else", "k", "echo", false)).statusCode(),
        "other tenants still flow");
    // each node notes that it applied the switch; the notes reach node 0 by replication
    long deadline = System.nanoTime() + CONVERGENCE_LIMIT.toNanos();
    Console.Run list = console.run("kill", "list");
    while (!appliedByAll(list.out()) && System.nanoTime() < deadline) {
      Thread.sleep(100);
      list = console.run("kill", "list");
    }
    assertEquals(0, list.exitCode(), list.err());
    assertTrue(list.out().contains(rejectId) && list.out().contains("tenant:" + tenant), list.out());
    assertTrue(appliedByAll(list.out()), "every node applied it:\n" + list.out());
  }

  @Test
  @Order(2)
  void hardStopKillsQueuedAndRunningDurableTasksAndReleaseLetsWorkFlow() throws Exception {
    String stuckTenant = "stuck-" + System.currentTimeMillis();
    try (Traffic traffic = new Traffic(cluster.urls(0, 1, 2), 8)) {
      List<Future<JsonNode>> acknowledged = new ArrayList<>();
      for (int i = 0; i < STUCK_TASKS; i++) {
        acknowledged.add(traffic.submitUntilAccepted(Map.of("id", "s-" + i, "tenant", stuckTenant, "key", "one-key",
            "kind", "sleep", "durability", "durable", "deadlineMs", 600_000, "params", Map.of("millis", 60_000))));
      }
      for (Future<JsonNode> ack : acknowledged) {
        ack.get(2, TimeUnit.MINUTES);
      }
      JsonNode queued = traffic.get("/v1/tasks/s-" + (STUCK_TASKS - 1) + "?tenant=" + stuckTenant + "&key=one-key")
          .orElseThrow();
      assertEquals("accepted", queued.path("status").asText(), "tasks beyond the cell's limit wait in its queue");

      String stopId = engage("tenant:" + stuckTenant, "hard_stop", "stop everything of this tenant now");
      for (int i = 0; i < STUCK_TASKS; i++) {
        assertEquals("killed", ClusterChecks.awaitFinal(traffic, "s-" + i, stuckTenant, "one-key").path("status").asText(),
            "s-" + i);
      }

      Console.Run released = console.run("kill", "release", stopId);
      assertEquals(0, released.exitCode(), released.err());
      assertEquals(4, console.run("kill", "release", stopId).exitCode(), "a released switch is not found twice");
      awaitAccepted(cluster.urls(2).get(0), task(stuckTenant, "after", "echo", true));
      assertEquals("done", ClusterChecks.awaitFinal(traffic, "t-after", stuckTenant, "after").path("status").asText());
    }
  }

  @Test
  @Order(3)
  void drainLetsQueuedWorkFinishAndShowsWhenTheScopeIsEmpty() throws Exception {
    String drained = "drained-" + System.currentTimeMillis();
    try (Traffic traffic = new Traffic(cluster.urls(0, 1, 2), 8)) {
      List<Future<JsonNode>> acknowledged = new ArrayList<>();
      for (int i = 0; i < DRAINED_TASKS; i++) {
        acknowledged.add(traffic.submitUntilAccepted(Map.of("id", "d-" + i, "tenant", drained, "key", "k-" + i,
            "kind", "sleep", "durability", "durable", "params", Map.of("millis", 4_000))));
      }
      for (Future<JsonNode> ack : acknowledged) {
        ack.get(1, TimeUnit.MINUTES);
      }
      String id = engage("tenant:" + drained, "drain", "maintenance of this tenant's backend");
      awaitRefused(cluster.urls(1).get(0), task(drained, "late", "echo", false), id);
      String listed = console.run("kill", "list").out();
      String row = listed.lines().filter(line -> line.startsWith(id)).findFirst().orElseThrow();
      assertTrue(row.matches(".*\\s([1-9]|[1-9][0-9])$"), "tasks still pending across the cells:\n" + listed);

      for (int i = 0; i < DRAINED_TASKS; i++) {
        assertEquals("done", ClusterChecks.awaitFinal(traffic, "d-" + i, drained, "k-" + i).path("status").asText());
      }
      String after = console.run("kill", "list").out();
      assertTrue(after.lines().anyMatch(line -> line.startsWith(id) && line.endsWith("drained")), after);
      assertEquals(0, console.run("kill", "release", id).exitCode());
    }
  }

  /**
   * Nodes 1 and 2 frozen (SIGSTOP) cut node 0 off from the majority. An engage there is enforced
   * on node 0 before the call even returns (the call waits for confirmations that cannot come),
   * and reaches nodes 1 and 2 once they are back. The freeze stays shorter than failure
   * detection plus the split brain resolver's stable-after, so nobody is downed.
   */
  @Test
  @Order(4)
  void anEngageOnACutOffNodeAppliesThereAtOnceAndConvergesAfterwards() throws Exception {
    String cutOffTenant = "cut-off-" + System.currentTimeMillis();
    String key = keyWhoseCellLivesOn(0, cutOffTenant); // so asking node 0 never waits on a frozen node
    List<Long> frozen = List.of(cluster.pid(1), cluster.pid(2));
    CompletableFuture<Console.Run> engaging = null;
    String refusedBy = null;
    boolean refusedBeforeTheCallReturned = false;
    try {
      signal("STOP", frozen);
      engaging = CompletableFuture.supplyAsync(() ->
          console.run("kill", "engage", "--scope", "tenant:" + cutOffTenant, "--mode", "reject_new", "--reason", "cut off"));
      while (!engaging.isDone()) {
        HttpResponse<String> answer = submit(cluster.urls(0).get(0), task(cutOffTenant, key, "echo", false));
        if (answer.statusCode() == 503) {
          refusedBeforeTheCallReturned = !engaging.isDone();
          refusedBy = mapper.readTree(answer.body()).path("switch").asText();
          break;
        }
        Thread.sleep(10);
      }
      engaging.get(10, TimeUnit.SECONDS);
    } finally {
      signal("CONT", frozen);
    }
    assertTrue(refusedBeforeTheCallReturned, "node 0 enforced the switch while its replication still waited");
    Console.Run run = engaging.get();
    assertTrue(run.out().contains("not every node confirmed"), run.exitCode() + " " + run.out() + run.err());
    String id = idIn(run);
    assertEquals(id, refusedBy, "refused by the new switch");
    for (String node : cluster.urls(1, 2)) {
      awaitRefused(node, task(cutOffTenant, key, "echo", false), id, CONVERGENCE_LIMIT);
    }
    assertEquals(0, console.run("kill", "release", id).exitCode());
  }

  @Test
  @Order(5)
  void switchesAndTheirAuditSurviveAFullClusterRestart() throws Exception {
    cluster.cluster().stop(Duration.ofSeconds(60));
    cluster.start(3, Journal.H2);
    Console.Run afterRestart = console.run("kill", "list");
    assertTrue(afterRestart.out().contains(rejectId), "still engaged after the restart:\n" + afterRestart.out());
    for (String node : cluster.urls(0, 1, 2)) {
      awaitRefused(node, task(tenant, "k2", "echo", false), rejectId);
    }
    Console.Run audit = console.run("kill", "audit");
    assertEquals(0, audit.exitCode(), audit.err());
    assertTrue(audit.out().lines().anyMatch(line -> line.contains("engaged") && line.contains(rejectId)), audit.out());
    assertTrue(audit.out().lines().anyMatch(line -> line.contains("released") && line.contains("admin")), audit.out());
  }

  @Test
  @Order(6)
  void theConsoleRefusesAWrongTokenAndBadInputWithItsExitCodes() throws Exception {
    Path wrongToken = var.resolve("wrong.token");
    Files.writeString(wrongToken, "not-the-token");
    Console intruder = new Console(cluster.urls(1).get(0), wrongToken);
    assertEquals(3, intruder.run("kill", "engage", "--scope", "global", "--mode", "hard_stop", "--reason", "x").exitCode());
    assertEquals(2, console.run("kill", "engage", "--scope", "planet:earth", "--mode", "drain", "--reason", "x").exitCode());
    assertTrue(console.run("kill", "audit").out().lines().anyMatch(line -> line.contains("denied")),
        "the refused attempt is audited");
    Console.Run breakers = console.run("breaker", "list");
    assertEquals(0, breakers.exitCode(), breakers.err());
    assertTrue(breakers.out().contains("cell-63"), breakers.out());
  }

  private boolean appliedByAll(String listing) {
    return listing.contains(cluster.address(0)) && listing.contains(cluster.address(1)) && listing.contains(cluster.address(2));
  }

  private String engage(String scope, String mode, String reason) {
    Console.Run run = console.run("kill", "engage", "--scope", scope, "--mode", mode, "--reason", reason);
    assertEquals(0, run.exitCode(), run.err());
    return idIn(run);
  }

  private static String idIn(Console.Run run) {
    Matcher id = ENGAGED.matcher(run.out());
    assertTrue(id.find(), run.out() + run.err());
    return id.group(1);
  }

  /** A key of {@code tenant} whose cell is hosted by node {@code node} (found by trying keys). */
  private String keyWhoseCellLivesOn(int node, String tenant) throws Exception {
    String url = cluster.urls(0).get(0);
    JsonNode cells = mapper.readTree(http.send(HttpRequest.newBuilder(URI.create(url + "/v1/cells")).GET().build(),
        HttpResponse.BodyHandlers.ofString()).body()).path("cells");
    for (int i = 0; i < 1_000; i++) {
      String key = "probe-" + i;
      HttpResponse<String> done = http.send(HttpRequest.newBuilder(URI.create(url + "/v1/tasks?wait=true"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(
              Map.of("tenant", tenant, "key", key, "kind", "echo")))).build(), HttpResponse.BodyHandlers.ofString());
      int cell = mapper.readTree(done.body()).path("cell").asInt();
      if (cells.get(cell).path("node").asText().equals(cluster.address(node))) {
        return key;
      }
    }
    throw new AssertionError("no key of " + tenant + " lands on node " + node);
  }

  private static void signal(String signal, List<Long> pids) throws Exception {
    for (long pid : pids) {
      assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor());
    }
  }

  private void awaitRefused(String node, Map<String, Object> task, String switchId) throws Exception {
    awaitRefused(node, task, switchId, PROPAGATION_LIMIT);
  }

  private void awaitRefused(String node, Map<String, Object> task, String switchId, Duration limit) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    HttpResponse<String> response;
    do {
      response = submit(node, task);
      if (response.statusCode() == 503) {
        assertEquals(switchId, mapper.readTree(response.body()).path("switch").asText(), response.body());
        return;
      }
      Thread.sleep(20);
    } while (System.nanoTime() < deadline);
    throw new AssertionError(node + " still accepts " + task + ": " + response.statusCode() + " " + response.body());
  }

  private void awaitAccepted(String node, Map<String, Object> task) throws Exception {
    long deadline = System.nanoTime() + PROPAGATION_LIMIT.toNanos();
    HttpResponse<String> response;
    do {
      response = submit(node, task);
      if (response.statusCode() == 202 || response.statusCode() == 200) {
        return;
      }
      Thread.sleep(20);
    } while (System.nanoTime() < deadline);
    throw new AssertionError(node + " still refuses " + task + ": " + response.statusCode() + " " + response.body());
  }

  private static Map<String, Object> task(String tenant, String key, String kind, boolean durable) {
    return Map.of("id", "t-" + key, "tenant", tenant, "key", key, "kind", kind,
        "durability", durable ? "durable" : "transient");
  }

  private HttpResponse<String> submit(String node, Map<String, Object> task) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(node + "/v1/tasks")).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(task))).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
