package io.cellwork.controlplane.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import io.cellwork.cells.Cells;
import io.cellwork.cells.CellsClient;
import io.cellwork.cells.testing.SingleNodeCluster;
import io.cellwork.cells.testing.TestConfigs;
import io.cellwork.controlplane.node.MembershipHistory;
import io.cellwork.controlplane.node.NodeSettings;
import io.cellwork.killswitch.KillSwitch;
import io.cellwork.killswitch.KillSwitchBoard;
import io.cellwork.killswitch.KillSwitchView;
import io.cellwork.killswitch.Mode;
import io.cellwork.killswitch.Scope;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The HTTP API against a real single-node cluster: success paths and every kind of bad input. */
@ExtendWith(TestKitJUnit5Extension.class)
@ExtendWith(LogCapturingExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpApiTest {
  @JUnit5TestKit
  final ActorTestKit testKit = new JUnit5TestKitBuilder()
      .withCustomConfig(TestConfigs.inMemoryJournal(ConfigFactory.parseString("""
          cellwork.cells.router.cells = 8
          cellwork.cells.cell {
            max-in-flight = 2
            queues.sheddable.capacity = 3
          }
          """)))
      .build();

  private final ObjectMapper mapper = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private String base;
  private final KillSwitchBoard killSwitches = new KillSwitchBoard();

  @BeforeAll
  void startNode() throws Exception {
    SingleNodeCluster.join(testKit);
    PrometheusRegistry registry = new PrometheusRegistry();
    CellsClient cells = Cells.start(testKit.system(), registry, killSwitches);
    NodeSettings settings = NodeSettings.fromConfig(testKit.system().settings().config().getConfig("cellwork.node"));
    MembershipHistory history = new MembershipHistory(10);
    testKit.spawn(history.watcher());
    HttpApi api = new HttpApi(testKit.system(), cells, registry, settings, history);
    ServerBinding binding = Http.get(testKit.system()).newServerAt("127.0.0.1", 0).bind(api.routes())
        .toCompletableFuture().get();
    base = "http://127.0.0.1:" + binding.localAddress().getPort();
    testKit.createTestProbe().awaitAssert(Duration.ofSeconds(10), () -> {
      assertEquals(200, get("/v1/health/ready").statusCode());
      return null;
    });
  }

  @Test
  void acceptedTaskCanBeFollowedToItsResult() throws Exception {
    HttpResponse<String> accepted = post("/v1/tasks",
        "{\"id\":\"e1\",\"tenant\":\"acme\",\"key\":\"k1\",\"kind\":\"echo\",\"durability\":\"transient\",\"params\":{\"n\":7}}");
    assertEquals(202, accepted.statusCode());
    JsonNode body = json(accepted);
    assertEquals("e1", body.get("id").asText());
    String location = accepted.headers().firstValue("Location").orElseThrow();
    assertEquals("/v1/cells/" + body.get("cell").asInt() + "/tasks/e1", location);

    JsonNode status = json(get(location));
    assertEquals("done", status.get("status").asText());
    assertEquals(7, status.get("result").get("n").asInt());
    assertEquals(status, json(get("/v1/tasks/e1?tenant=acme&key=k1")));
  }

  @Test
  void waitReturnsTheFinalStatus() throws Exception {
    HttpResponse<String> done = post("/v1/tasks?wait=true",
        "{\"id\":\"s1\",\"tenant\":\"acme\",\"key\":\"k2\",\"kind\":\"sleep\",\"params\":{\"millis\":20}}");
    assertEquals(200, done.statusCode());
    assertEquals("done", json(done).get("status").asText());
    assertEquals(20, json(done).get("result").get("sleptMs").asInt());
  }

  @Test
  void sameIdIsIdempotentAndADifferentBodyConflicts() throws Exception {
    String task = "{\"id\":\"d1\",\"tenant\":\"acme\",\"key\":\"k3\",\"kind\":\"echo\",\"params\":{\"a\":\"b\"}}";
    assertEquals(200, post("/v1/tasks?wait=true", task).statusCode());
    HttpResponse<String> again = post("/v1/tasks", task);
    assertEquals(200, again.statusCode(), "the stored final status");
    assertEquals("done", json(again).get("status").asText());
    HttpResponse<String> conflict = post("/v1/tasks",
        "{\"id\":\"d1\",\"tenant\":\"acme\",\"key\":\"k3\",\"kind\":\"echo\",\"params\":{\"a\":\"c\"}}");
    assertEquals(409, conflict.statusCode());
    assertEquals("conflict", json(conflict).get("error").asText());
  }

  @Test
  void ledgerOverHttp() throws Exception {
    assertEquals(200, post("/v1/tasks?wait=true",
        "{\"id\":\"dep\",\"tenant\":\"bank\",\"key\":\"alice\",\"kind\":\"ledger.deposit\",\"params\":{\"amount\":100}}").statusCode());
    JsonNode failed = json(post("/v1/tasks?wait=true",
        "{\"id\":\"xf\",\"tenant\":\"bank\",\"key\":\"alice\",\"kind\":\"ledger.transfer\",\"params\":{\"amount\":101,\"to\":\"bob\"}}"));
    assertEquals("failed", failed.get("status").asText());
    assertEquals("insufficient_funds", failed.get("error").asText());
    assertEquals("done", json(post("/v1/tasks?wait=true",
        "{\"id\":\"xt\",\"tenant\":\"bank\",\"key\":\"alice\",\"kind\":\"ledger.transfer\",\"params\":{\"amount\":40,\"to\":\"bob\"}}"))
        .get("status").asText());
    assertEquals(60, json(get("/v1/accounts/bank/alice")).get("balance").asLong());
    assertEquals(40, json(get("/v1/accounts/bank/bob")).get("balance").asLong());
  }

  @Test
  void fullQueueAnswers429WithRetryAfter() throws Exception {
    int rejected = 0;
    for (int i = 0; i < 10 && rejected == 0; i++) {
      HttpResponse<String> response = post("/v1/tasks",
          "{\"id\":\"q" + i + "\",\"tenant\":\"acme\",\"key\":\"hot\",\"kind\":\"sleep\",\"priority\":\"sheddable\",\"params\":{\"millis\":3000}}");
      if (response.statusCode() == 429) {
        rejected++;
        assertTrue(Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow()) >= 1);
        assertEquals("queue_full", json(response).get("error").asText());
      } else {
        assertEquals(202, response.statusCode());
      }
    }
    assertEquals(1, rejected, "two running plus three queued, then 429");
  }

  @Test
  void engagedKillSwitchAnswers503NamingTheSwitch() throws Exception {
    killSwitches.publish(KillSwitchView.of(List.of(
        new KillSwitch("ks-7", Scope.parse("kind:fail"), Mode.REJECT_NEW, "test", "ops", System.currentTimeMillis(), 0))));
    try {
      HttpResponse<String> refused = post("/v1/tasks", "{\"tenant\":\"acme\",\"key\":\"k\",\"kind\":\"fail\",\"params\":{\"rate\":0.5}}");
      assertEquals(503, refused.statusCode());
      assertEquals("killed", json(refused).get("error").asText());
      assertEquals("ks-7", json(refused).get("switch").asText());
      assertTrue(refused.headers().firstValue("Retry-After").isPresent());
      assertEquals(202, post("/v1/tasks", "{\"tenant\":\"acme\",\"key\":\"k\",\"kind\":\"echo\"}").statusCode(),
          "other kinds still flow");
    } finally {
      killSwitches.publish(KillSwitchView.EMPTY);
    }
  }

  @Test
  void batchAnswersEachItem() throws Exception {
    HttpResponse<String> response = post("/v1/tasks:batch?wait=true", """
        [{"id":"b1","tenant":"acme","key":"x","kind":"echo"},
         {"id":"b2","tenant":"acme","key":"y","kind":"nope"},
         {"id":"b3","tenant":"acme","key":"z","kind":"cpu","params":{"micros":10}}]""");
    assertEquals(200, response.statusCode());
    JsonNode results = json(response).get("results");
    assertEquals(200, results.get(0).get("status").asInt());
    assertEquals(400, results.get(1).get("status").asInt());
    assertEquals("[1].kind", results.get(1).get("body").get("field").asText());
    assertEquals("done", results.get(2).get("body").get("status").asText());
  }

  @Test
  void badInputIsA400NamingTheFieldAndChangesNothing() throws Exception {
    expect400("{not json", "body");
    expect400("[]", "body");
    expect400("{\"id\":\"bad1\",\"key\":\"k\",\"kind\":\"echo\"}", "tenant");
    expect400("{\"id\":\"bad1\",\"tenant\":5,\"key\":\"k\",\"kind\":\"echo\"}", "tenant");
    expect400("{\"id\":\"bad1\",\"tenant\":\"acme\",\"key\":\"k\"}", "kind");
    expect400("{\"id\":\"bad1\",\"tenant\":\"acme\",\"key\":\"k\",\"kind\":\"teleport\"}", "kind");
    expect400("{\"id\":\"bad1\",\"tenant\":\"acme\",\"key\":\"k\",\"kind\":\"cpu\",\"params\":{\"micros\":-5}}", "params.micros");
    expect400("{\"id\":\"bad1\",\"tenant\":\"acme\",\"key\":\"k\",\"kind\":\"cpu\",\"params\":{\"micros\":\"5\"}}", "params.micros");
    expect400("{\"id\":\"bad1\",\"tenant\":\"acme\",\"key\":\"k\",\"kind\":\"sleep\",\"params\":{\"millis\":99999999999}}", "params.millis");
    expect400("{\"id\":\"bad1\",\"tenant\":\"acme\",\"key\":\"k\",\"kind\":\"echo\",\"deadlineMs\":0}", "deadlineMs");
    expect400("{\"id\":\"bad1\",\"tenant\":\"acme\",\"key\":\"k\",\"kind\":\"echo\",\"deadlineMs\":1e3}", "deadlineMs");
    expect400("{\"id\":\"bad1\",\"tenant\":\"acme\",\"key\":\"k\",\"kind\":\"echo\",\"priority\":\"urgent\"}", "priority");
    expect400("{\"id\":\"bad1\",\"tenant\":\"acme\",\"key\":\"k\",\"kind\":\"echo\",\"colour\":\"red\"}", "colour");
    expect400("{\"id\":\"bad1\",\"tenant\":\"acme\",\"key\":\"k\",\"kind\":\"echo\",\"params\":{\"a\":{\"b\":1}}}", "params.a");
    expect400("{\"id\":\"bad1\",\"tenant\":\"acme\",\"key\":\"k\",\"kind\":\"echo\",\"params\":{\"n\":123456789012345678901234567890}}", "params.n");
    expect400("{\"id\":\"bad 1\",\"tenant\":\"acme\",\"key\":\"k\",\"kind\":\"echo\"}", "id");
    expect400("{\"id\":\"bad1\",\"tenant\":\"acme\",\"key\":\"k\",\"kind\":\"ledger.deposit\",\"params\":{\"amount\":0}}", "params.amount");
    expect400("{\"id\":\"bad1\",\"tenant\":\"acme\",\"key\":\"k\",\"kind\":\"ledger.deposit\",\"durability\":\"transient\",\"params\":{\"amount\":5}}", "durability");
    expect400("{\"id\":\"bad1\",\"tenant\":\"acme\",\"key\":\"k\",\"kind\":\"echo\",\"id\":\"dup\"}", "body");
    expect400("[".repeat(100) + "]".repeat(100), "body");
    expect400("{\"a\":".repeat(40) + "1" + "}".repeat(40), "body");
    // none of them created anything
    assertEquals(404, get("/v1/tasks/bad1?tenant=acme&key=k").statusCode());
  }

  @Test
  void oversizedBodyIs413AndCreatesNothing() throws Exception {
    String huge = "{\"id\":\"big\",\"tenant\":\"acme\",\"key\":\"k\",\"kind\":\"echo\",\"params\":{\"s\":\""
        + "x".repeat(2 * 1024 * 1024) + "\"}}";
    HttpResponse<String> response = post("/v1/tasks", huge);
    assertEquals(413, response.statusCode());
    assertEquals("payload_too_large", json(response).get("error").asText());
    assertEquals(404, get("/v1/tasks/big?tenant=acme&key=k").statusCode());
  }

  @Test
  void unknownRoutesAndMethodsAnswerJson() throws Exception {
    HttpResponse<String> missing = get("/v1/nothing-here");
    assertEquals(404, missing.statusCode());
    assertEquals("not_found", json(missing).get("error").asText());
    HttpResponse<String> wrongMethod = http.send(
        HttpRequest.newBuilder(URI.create(base + "/v1/tasks")).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(405, wrongMethod.statusCode());
    assertEquals("method_not_allowed", json(wrongMethod).get("error").asText());
    assertEquals(404, get("/v1/cells/99/tasks/x").statusCode());
    assertEquals(400, get("/v1/tasks/x").statusCode(), "tenant and key are required");
    assertEquals(400, get("/v1/accounts/acme/not%20ok").statusCode());
  }

  @Test
  void randomGarbageNeverProducesA5xx() throws Exception {
    Random random = new Random(1);
    List<String> fragments = List.of("{", "}", "[", "]", "\"", ":", ",", "null", "true", "-1", "1e999", "\"tenant\"",
        "\"kind\"", "\"echo\"", "\"params\"", "\\u0000", "\"id\"", "0.5", "{\"tenant\":\"a\",\"key\":\"b\",\"kind\":\"echo\"}");
    for (int i = 0; i < 300; i++) {
      StringBuilder body = new StringBuilder();
      for (int j = random.nextInt(12); j >= 0; j--) {
        body.append(fragments.get(random.nextInt(fragments.size())));
      }
      int status = post(i % 2 == 0 ? "/v1/tasks" : "/v1/tasks:batch", body.toString()).statusCode();
      assertTrue(status < 500, "5xx for " + body);
    }
  }

  @Test
  void statusEndpointsDescribeTheNode() throws Exception {
    JsonNode cells = json(get("/v1/cells")).get("cells");
    assertEquals(8, cells.size());
    assertEquals("up", cells.get(0).get("status").asText());
    assertTrue(cells.get(0).has("queued") && cells.get(0).has("inFlight"));
    JsonNode cluster = json(get("/v1/cluster"));
    assertEquals("Up", cluster.get("members").get(0).get("status").asText());
    assertTrue(cluster.get("history").isArray());
    post("/v1/tasks?wait=true", "{\"tenant\":\"acme\",\"key\":\"m\",\"kind\":\"echo\"}");
    testKit.createTestProbe().awaitAssert(Duration.ofSeconds(5), () -> {
      String metrics = get("/metrics").body();
      for (String series : List.of("cellwork_tasks_accepted_total", "cellwork_tasks_completed_total",
          "cellwork_task_latency_seconds_bucket", "cellwork_cell_queue_depth", "cellwork_cell_in_flight")) {
        assertTrue(metrics.contains(series), series + " in\n" + metrics);
      }
      return null;
    });
  }

  // ---- helpers ----

  private void expect400(String body, String field) throws Exception {
    HttpResponse<String> response = post("/v1/tasks", body);
    assertEquals(400, response.statusCode(), body + " -> " + response.body());
    JsonNode error = json(response);
    assertEquals("invalid_request", error.get("error").asText());
    assertEquals(field, error.get("field").asText(), response.body());
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode json(HttpResponse<String> response) throws Exception {
    return mapper.readTree(response.body());
  }
}
