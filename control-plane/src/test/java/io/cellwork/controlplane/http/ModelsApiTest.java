package io.cellwork.controlplane.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import io.cellwork.cells.testing.TestConfigs;
import io.cellwork.controlplane.node.NodeModels;
import io.cellwork.intelligence.cost.CostFeatures;
import io.cellwork.intelligence.feedback.FeedbackSettings;
import io.cellwork.intelligence.feedback.HoldoutSlice;
import io.cellwork.intelligence.guard.Source;
import io.cellwork.controlplane.cli.CellCtl;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A node wired as CellworkNode wires it (guarded task-cost model, its guard, metrics, API): the
 * {@code model:task-cost} kill switch forces the fallback and /v1/models and /metrics show it.
 */
@ExtendWith(TestKitJUnit5Extension.class)
@ExtendWith(LogCapturingExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModelsApiTest {
  private static final CostFeatures SLEEP = new CostFeatures("sleep", 5);
  /** A task id outside the holdout slice, which the fallback serves whatever the switches say. */
  private static final String SERVED = servedId();

  private static String servedId() {
    HoldoutSlice slice = FeedbackSettings.defaults().holdoutSlice();
    for (int i = 0; i < 1_000; i++) {
      if (!slice.isHoldout("t" + i)) {
        return "t" + i;
      }
    }
    throw new IllegalStateException("no task id outside the holdout slice");
  }

  @JUnit5TestKit
  final ActorTestKit testKit = new JUnit5TestKitBuilder()
      .withCustomConfig(TestConfigs.inMemoryJournal(ConfigFactory.parseString("""
          cellwork.cells.router.cells = 4
          cellwork.access.tokens = [
            { name = "watcher", role = viewer, token = "viewer-token" },
            { name = "ops-alice", role = operator, token = "operator-token" }
          ]
          """)))
      .build();

  private final ObjectMapper mapper = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private NodeModels models;
  private String base;

  @BeforeAll
  void startNode() throws Exception {
    InProcessNode node = InProcessNode.start(testKit);
    models = node.models();
    base = node.baseUrl();
    testKit.createTestProbe().awaitAssert(Duration.ofSeconds(10), () -> {
      assertEquals(200, get("/v1/health/ready", null).statusCode());
      return null;
    });
  }

  @Test
  void theModelKillSwitchForcesTheFallbackAndTheApiShowsIt() throws Exception {
    assertEquals(Source.PRIMARY, models.taskCost().predict(SLEEP, SERVED).source());
    assertEquals(401, get("/v1/models", null).statusCode(), "a viewer token is needed");
    JsonNode before = model(get("/v1/models", "viewer-token"));
    assertEquals("task-cost", before.get("name").asText());
    assertEquals("closed", before.get("state").asText());
    assertEquals("declared-cost/heuristic-1", before.get("fallback").asText());
    // The default primary is the diverse median ensemble; its members are listed.
    assertTrue(before.get("primary").asText().startsWith("task-cost/median+"), before.toString());
    assertEquals(5, before.get("members").size(), before.toString());
    assertEquals("ewma-fast/ewma-0.2", before.get("members").get(0).get("name").asText());
    assertTrue(before.get("members").get(0).get("healthy").asBoolean());
    assertTrue(get("/metrics", null).body().contains("cellwork_model_member_healthy{member=\"ewma-fast/ewma-0.2\""));

    HttpResponse<String> engaged = send("POST", "/v1/killswitches",
        "{\"scope\":\"model:task-cost\",\"mode\":\"hard_stop\",\"reason\":\"model misbehaves\",\"ttlSeconds\":600}");
    assertEquals(201, engaged.statusCode(), engaged.body());
    String id = mapper.readTree(engaged.body()).get("id").asText();
    testKit.createTestProbe().awaitAssert(Duration.ofSeconds(5), () -> {
      assertEquals(Source.FALLBACK_FORCED, models.taskCost().predict(SLEEP, SERVED).source());
      return null;
    });
    JsonNode forced = model(get("/v1/models", "viewer-token"));
    assertEquals("forced", forced.get("state").asText());
    String table = cellctlModels();
    assertTrue(table.contains("task-cost") && table.contains("forced") && table.contains(id), table);
    JsonNode transition = forced.get("recentTransitions").get(0);
    assertEquals("closed", transition.get("from").asText());
    assertEquals("forced", transition.get("to").asText());
    assertTrue(transition.get("reason").asText().contains(id), transition.toString());
    assertTrue(forced.get("predictions").get("fallback_forced").asLong() >= 1);
    assertTrue(get("/metrics", null).body()
        .contains("cellwork_model_serving{mode=\"forced\",model=\"task-cost\"} 1.0"));
    // Tasks still flow while the model is switched off: only the lane choice changes.
    assertEquals(202, send("POST", "/v1/tasks", "{\"tenant\":\"acme\",\"key\":\"k\",\"kind\":\"echo\"}").statusCode());

    assertEquals(200, send("DELETE", "/v1/killswitches/" + id, null).statusCode());
    testKit.createTestProbe().awaitAssert(Duration.ofSeconds(5), () -> {
      assertEquals(Source.PRIMARY, models.taskCost().predict(SLEEP, SERVED).source());
      return null;
    });
    JsonNode released = model(get("/v1/models", "viewer-token"));
    assertEquals("closed", released.get("state").asText());
    assertEquals(2, released.get("transitions").asInt());

    // The echo task's outcome reached the guard's log, with its arm and that arm's propensity.
    assertEquals(401, get("/v1/models/task-cost/outcomes", null).statusCode());
    assertEquals(404, get("/v1/models/no-such-model/outcomes", "viewer-token").statusCode());
    testKit.createTestProbe().awaitAssert(Duration.ofSeconds(5), () -> {
      HttpResponse<String> response = get("/v1/models/task-cost/outcomes", "viewer-token");
      assertEquals(200, response.statusCode(), response.body());
      JsonNode outcomes = mapper.readTree(response.body()).get("outcomes");
      assertTrue(outcomes.size() >= 1, response.body());
      JsonNode logged = outcomes.get(outcomes.size() - 1);
      double propensity = logged.get("propensity").asDouble();
      assertTrue(propensity == 0.95 || propensity == 0.05 || propensity == 1.0, logged.toString());
      assertTrue(logged.get("truth").isNumber() && logged.hasNonNull("taskId"), logged.toString());
      return null;
    });
  }

  /** {@code cellctl models} against this node, with the viewer's token; its output. */
  private String cellctlModels() throws Exception {
    Path tokenFile = Files.createTempFile("viewer", ".token");
    try {
      Files.writeString(tokenFile, "viewer-token");
      StringWriter out = new StringWriter();
      int exit = CellCtl.commandLine().setOut(new PrintWriter(out))
          .execute("models", "--url", base, "--token-file", tokenFile.toString());
      assertEquals(0, exit, out.toString());
      return out.toString();
    } finally {
      Files.delete(tokenFile);
    }
  }

  private JsonNode model(HttpResponse<String> response) throws Exception {
    assertEquals(200, response.statusCode(), response.body());
    JsonNode list = mapper.readTree(response.body()).get("models");
    assertEquals(1, list.size());
    return list.get(0);
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .header("Authorization", "Bearer operator-token")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
