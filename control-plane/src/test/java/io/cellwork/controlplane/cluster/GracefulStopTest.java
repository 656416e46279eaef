package io.cellwork.controlplane.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cellwork.controlplane.launcher.Journal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A graceful stop of one node under load: its cells hand off to the others, and no request sent
 * to the remaining nodes fails, except with a retryable 429 or 503. (Requests to the stopping
 * node itself end with its listener; clients go to the nodes that stay.)
 */
class GracefulStopTest {
  private static final int TASKS = 600;

  @TempDir Path var;

  @Test
  void stoppingANodeUnderLoadFailsNothing() throws Exception {
    String tenant = "graceful-" + System.currentTimeMillis();
    try (ClusterUnderTest cluster = new ClusterUnderTest(var, 4).start(3, Journal.H2);
        Traffic traffic = new Traffic(cluster.urls(0, 1), 16)) {
      List<Future<JsonNode>> acknowledged = new ArrayList<>();
      for (int i = 0; i < TASKS; i++) {
        acknowledged.add(traffic.submitUntilAccepted(Map.of("id", "t-" + i, "tenant", tenant, "key", "k-" + i,
            "kind", "sleep", "params", Map.of("millis", 20))));
      }
      acknowledged.get(TASKS / 3).get(2, TimeUnit.MINUTES);
      assertTrue(cluster.cluster().stopNode(2, Duration.ofSeconds(60)));
      for (Future<JsonNode> ack : acknowledged) {
        ack.get(3, TimeUnit.MINUTES);
      }
      for (int i = 0; i < TASKS; i++) {
        assertEquals("done", ClusterChecks.awaitFinal(traffic, "t-" + i, tenant, "k-" + i).path("status").asText(), "t-" + i);
      }
      System.out.printf("graceful stop: %d tasks done; answers %s%n", TASKS, traffic.answersByStatus());
      assertTrue(Set.of(200, 202, 429, 503).containsAll(traffic.answersByStatus().keySet()),
          "every answer an acknowledgement or a retryable refusal, none missing: " + traffic.answersByStatus());
    }
  }
}
