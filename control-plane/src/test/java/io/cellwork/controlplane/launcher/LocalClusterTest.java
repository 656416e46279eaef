package io.cellwork.controlplane.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cellwork.cells.testing.TestConfigs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher with real JVMs on loopback (ports shifted away from a developer's own cluster):
 * start a node and its H2 server, SIGKILL the node, restart it, and find the journaled work done.
 * Every process it started is stopped by pid afterwards, whatever the test's outcome.
 */
class LocalClusterTest {
  private static final Duration START = Duration.ofSeconds(120);

  @TempDir Path var;
  private ClusterLayout layout;
  private LocalCluster cluster;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final ObjectMapper mapper = new ObjectMapper();

  @BeforeEach
  void layout() {
    layout = new ClusterLayout(TestConfigs.repoRoot(), var, 35520, 18080, 19092);
    cluster = new LocalCluster(layout);
  }

  @AfterEach
  void reapEveryProcess() {
    cluster.stop(Duration.ofSeconds(30));
    for (Path pidFile : List.of(layout.nodePidFile(0), layout.h2PidFile())) {
      PidFiles.alive(pidFile).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  @Test
  void nodeServesSurvivesSigkillResumesItsWorkAndStops() throws Exception {
    cluster.start(1, Journal.H2, START);
    List<NodeStatus> up = cluster.status();
    assertEquals(1, up.size());
    assertEquals("Up", up.get(0).memberStatus());
    assertEquals(64, up.get(0).cells());
    assertTrue(Files.exists(layout.logs().resolve("node-0.log")));

    HttpResponse<String> accepted = post(layout.httpUrl(0) + "/v1/tasks",
        "{\"id\":\"survivor\",\"tenant\":\"acme\",\"key\":\"k\",\"kind\":\"sleep\",\"params\":{\"millis\":3000}}");
    assertEquals(202, accepted.statusCode(), accepted.body());
    String location = accepted.headers().firstValue("Location").orElseThrow();

    long pid = up.get(0).pid();
    assertTrue(cluster.killNode(0));
    assertTrue(ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true), "SIGKILLed");
    assertTrue(cluster.runningNodes().isEmpty());

    cluster.restartNode(0, START);
    JsonNode done = awaitFinal(layout.httpUrl(0) + location);
    assertEquals("done", done.get("status").asText(), "the acknowledged task resumed after the crash");

    cluster.stop(Duration.ofSeconds(60));
    assertTrue(cluster.runningNodes().isEmpty());
    assertTrue(ProcessHandle.of(pid).isEmpty() || !ProcessHandle.of(pid).get().isAlive());
    assertTrue(PidFiles.alive(layout.h2PidFile()).isEmpty(), "the H2 server stopped too");
  }

  private JsonNode awaitFinal(String url) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      Optional<JsonNode> status = get(url);
      if (status.isPresent() && status.get().has("status")
          && List.of("done", "failed", "expired", "killed").contains(status.get().get("status").asText())) {
        return status.get();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no final status at " + url + ": " + status);
      }
      Thread.sleep(100);
    }
  }

  private HttpResponse<String> post(String url, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private Optional<JsonNode> get(String url) {
    try {
      return Optional.of(mapper.readTree(http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
          HttpResponse.BodyHandlers.ofString()).body()));
    } catch (Exception notYet) {
      return Optional.empty();
    }
  }
}
