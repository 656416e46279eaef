package io.cellwork.controlplane.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import io.cellwork.cells.testing.TestConfigs;
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
          cellwork.killswitch.rate {
            interval = 200ms
            ceilings = [{ scope = "tenant:flood", per-second = 20, cool-down = 2s, mode = reject_new }]
          }
          cellwork.access.tokens = [
            { name = "watcher", role = viewer, token = "viewer-token" },
            { name = "ops-alice", role = operator, token = "operator-token" }
          ]
          """)))
      .build();

  private final ObjectMapper mapper = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private String base;

  @BeforeAll
  void startNode() throws Exception {
    base = InProcessNode.start(testKit).baseUrl();
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
  void killSwitchesNeedATokenWithTheRightRoleAndEveryAttemptIsAudited() throws Exception {
    HttpResponse<String> anonymous = get("/v1/killswitches");
    assertEquals(401, anonymous.statusCode());
    assertEquals("Bearer", anonymous.headers().firstValue("WWW-Authenticate").orElseThrow());
    assertEquals(401, send("GET", "/v1/killswitches", null, "not-a-token").statusCode());
    assertEquals(200, send("GET", "/v1/killswitches", null, "viewer-token").statusCode());
    HttpResponse<String> tooLow = send("POST", "/v1/killswitches",
        "{\"scope\":\"global\",\"mode\":\"hard_stop\",\"reason\":\"just looking\"}", "viewer-token");
    assertEquals(403, tooLow.statusCode());
    assertEquals("forbidden", json(tooLow).get("error").asText());

    testKit.createTestProbe().awaitAssert(Duration.ofSeconds(5), () -> {
      JsonNode audit = json(send("GET", "/v1/killswitches/audit", null, "viewer-token")).get("audit");
      assertTrue(audit.toString().contains("\"denied\"") && audit.toString().contains("watcher"), audit.toString());
      return null;
    });
  }

  @Test
  void anEngagedSwitchRefusesItsScopeWith503UntilReleased() throws Exception {
    HttpResponse<String> engaged = send("POST", "/v1/killswitches",
        "{\"scope\":\"kind:fail\",\"mode\":\"reject_new\",\"reason\":\"runaway fault injection\",\"ttlSeconds\":600}",
        "operator-token");
    assertEquals(201, engaged.statusCode(), engaged.body());
    JsonNode killSwitch = json(engaged);
    String id = killSwitch.get("id").asText();
    assertEquals("ops-alice", killSwitch.get("operator").asText());
    assertEquals(600, killSwitch.get("ttlSeconds").asInt());
    assertEquals("/v1/killswitches/" + id, engaged.headers().firstValue("Location").orElseThrow());

    HttpResponse<String> refused = post("/v1/tasks", "{\"tenant\":\"acme\",\"key\":\"k\",\"kind\":\"fail\",\"params\":{\"rate\":0.5}}");
    assertEquals(503, refused.statusCode());
    assertEquals("killed", json(refused).get("error").asText());
    assertEquals(id, json(refused).get("switch").asText());
    assertTrue(refused.headers().firstValue("Retry-After").isPresent());
    assertEquals(202, post("/v1/tasks", "{\"tenant\":\"acme\",\"key\":\"k\",\"kind\":\"echo\"}").statusCode(),
        "other kinds still flow");

    JsonNode listed = json(send("GET", "/v1/killswitches", null, "viewer-token")).get("killswitches");
    assertEquals(id, listed.get(0).get("id").asText());
    testKit.createTestProbe().awaitAssert(Duration.ofSeconds(5), () -> {
      JsonNode appliedBy = json(send("GET", "/v1/killswitches", null, "viewer-token")).get("killswitches").get(0).get("appliedBy");
      assertEquals(1, appliedBy.size(), "this node applied it");
      return null;
    });

    assertEquals(200, send("DELETE", "/v1/killswitches/" + id, null, "operator-token").statusCode());
    assertEquals(404, send("DELETE", "/v1/killswitches/" + id, null, "operator-token").statusCode());
    assertEquals(202, post("/v1/tasks", "{\"tenant\":\"acme\",\"key\":\"k\",\"kind\":\"fail\",\"params\":{\"rate\":0.5}}").statusCode());
  }

  @Test
  void aTenantPastItsRateCeilingIsSwitchedOffForTheCoolDown() throws Exception {
    for (int i = 0; i < 100; i++) { // far above 20/s, within one or two reporting intervals
      post("/v1/tasks", "{\"tenant\":\"flood\",\"key\":\"k" + i + "\",\"kind\":\"echo\"}");
    }
    JsonNode engaged = testKit.createTestProbe().awaitAssert(Duration.ofSeconds(5), () -> {
      JsonNode switches = json(send("GET", "/v1/killswitches", null, "viewer-token")).get("killswitches");
      assertEquals(1, switches.size(), switches.toString());
      return switches.get(0);
    });
    assertEquals("tenant:flood", engaged.get("scope").asText());
    assertTrue(engaged.get("reason").asText().matches("rate \\d+/s > 20/s"), engaged.get("reason").asText());
    assertEquals("automation:rate-governor", engaged.get("operator").asText());
    assertEquals(2, engaged.get("ttlSeconds").asInt(), "released after the cool-down");
    assertEquals(503, post("/v1/tasks", "{\"tenant\":\"flood\",\"key\":\"more\",\"kind\":\"echo\"}").statusCode());
    assertEquals(202, post("/v1/tasks", "{\"tenant\":\"calm\",\"key\":\"k\",\"kind\":\"echo\"}").statusCode());

    testKit.createTestProbe().awaitAssert(Duration.ofSeconds(10), () -> {
      JsonNode audit = json(send("GET", "/v1/killswitches/audit", null, "viewer-token")).get("audit");
      assertTrue(audit.toString().contains("\"expired\"") && audit.toString().contains(engaged.get("id").asText()), audit.toString());
      return null;
    });
    assertEquals(202, post("/v1/tasks", "{\"tenant\":\"flood\",\"key\":\"calm-again\",\"kind\":\"echo\"}").statusCode());
  }

  @Test
  void badKillSwitchRequestsAre400NamingTheField() throws Exception {
    for (String[] bad : new String[][] {
        {"{\"scope\":\"planet:mars\",\"mode\":\"drain\",\"reason\":\"r\"}", "scope"},
        {"{\"scope\":\"global\",\"mode\":\"explode\",\"reason\":\"r\"}", "mode"},
        {"{\"scope\":\"global\",\"mode\":\"drain\"}", "reason"},
        {"{\"scope\":\"global\",\"mode\":\"drain\",\"reason\":\"r\",\"ttlSeconds\":0}", "ttlSeconds"},
        {"{\"scope\":\"global\",\"mode\":\"drain\",\"reason\":\"r\",\"by\":\"me\"}", "by"}}) {
      HttpResponse<String> response = send("POST", "/v1/killswitches", bad[0], "operator-token");
      assertEquals(400, response.statusCode(), bad[0]);
      assertEquals(bad[1], json(response).get("field").asText());
    }
    assertEquals(0, json(send("GET", "/v1/killswitches", null, "viewer-token")).get("killswitches").size(),
        "nothing was engaged");
  }

  @Test
  void operatorsCanForceABreakerOpenWhichRefusesTheCellsWork() throws Exception {
    JsonNode breakers = json(send("GET", "/v1/breakers", null, "viewer-token")).get("breakers");
    assertEquals(8, breakers.size());
    assertEquals("closed", breakers.get(0).get("state").asText());

    int cell = json(post("/v1/tasks?wait=true", "{\"tenant\":\"brk\",\"key\":\"k\",\"kind\":\"echo\"}")).get("cell").asInt();
    HttpResponse<String> opened = send("POST", "/v1/breakers/cell-" + cell + "/open", "", "operator-token");
    assertEquals(200, opened.statusCode(), opened.body());
    assertEquals("forced_open", json(opened).get("state").asText());
    testKit.createTestProbe().awaitAssert(Duration.ofSeconds(5), () -> {
      HttpResponse<String> refused = post("/v1/tasks", "{\"tenant\":\"brk\",\"key\":\"k\",\"kind\":\"echo\"}");
      assertEquals(503, refused.statusCode(), "the open breaker engaged a cell:" + cell + " switch");
      return null;
    });
    assertEquals(403, send("POST", "/v1/breakers/cell-" + cell + "/close", "", "viewer-token").statusCode());
    assertEquals("closed", json(send("POST", "/v1/breakers/cell-" + cell + "/close", "", "operator-token")).get("state").asText());
    testKit.createTestProbe().awaitAssert(Duration.ofSeconds(5), () -> {
      assertEquals(202, post("/v1/tasks", "{\"tenant\":\"brk\",\"key\":\"k2\",\"kind\":\"echo\"}").statusCode());
      return null;
    });
    assertEquals(404, send("POST", "/v1/breakers/cell-99/open", "", "operator-token").statusCode());
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

  private HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .header("Authorization", "Bearer " + token)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode json(HttpResponse<String> response) throws Exception {
    return mapper.readTree(response.body());
  }
}
