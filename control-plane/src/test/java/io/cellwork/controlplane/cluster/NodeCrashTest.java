package io.cellwork.controlplane.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cellwork.controlplane.launcher.Journal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durable work through all three nodes while one of them is SIGKILLed and later restarted: every
 * acknowledged task ends {@code done}, and its effect is applied exactly once. The tasks are
 * deposits of 1, so each account's balance counts how often its deposits were applied.
 */
class NodeCrashTest {
  private static final int DEPOSITS = 900;
  private static final int ACCOUNTS = 30;

  @TempDir Path var;

  @Test
  void everyAcknowledgedTaskIsDoneExactlyOnceAcrossACrash() throws Exception {
    String tenant = "crash-" + System.currentTimeMillis();
    try (ClusterUnderTest cluster = new ClusterUnderTest(var, 1).start(3, Journal.H2);
        Traffic traffic = new Traffic(cluster.urls(0, 1, 2), 16)) {
      List<Future<JsonNode>> acknowledged = new ArrayList<>();
      for (int i = 0; i < DEPOSITS; i++) {
        acknowledged.add(traffic.submitUntilAccepted(Map.of(
            "id", "dep-" + i, "tenant", tenant, "key", "acct-" + (i % ACCOUNTS),
            "kind", "ledger.deposit", "params", Map.of("amount", 1))));
      }
      acknowledged.get(DEPOSITS / 3).get(2, TimeUnit.MINUTES);
      cluster.cluster().killNode(2); // deposits are in flight on all nodes
      acknowledged.get(2 * DEPOSITS / 3).get(3, TimeUnit.MINUTES);
      cluster.cluster().restartNode(2, ClusterUnderTest.START);
      for (Future<JsonNode> ack : acknowledged) {
        ack.get(3, TimeUnit.MINUTES);
      }
      JsonNode history;
      try (Traffic nodeZero = new Traffic(cluster.urls(0), 1)) { // a node that saw the crash
        history = nodeZero.get("/v1/cluster").orElseThrow().path("history");
      }
      assertTrue(containsChange(history, "downed", cluster.address(2)),
          "the Split Brain Resolver's downing of the killed node is in the history: " + history);

      int lost = 0;
      for (int i = 0; i < DEPOSITS; i++) {
        JsonNode status = ClusterChecks.awaitFinal(traffic, "dep-" + i, tenant, "acct-" + (i % ACCOUNTS));
        if (!"done".equals(status.path("status").asText())) {
          lost++;
        }
      }
      int duplicated = 0;
      int missing = 0;
      for (int a = 0; a < ACCOUNTS; a++) {
        long applied = ClusterChecks.balance(traffic, tenant, "acct-" + a);
        long expected = DEPOSITS / ACCOUNTS;
        duplicated += Math.max(0, applied - expected);
        missing += Math.max(0, expected - applied);
      }
      System.out.printf("node crash: %d acknowledged, %d not done, %d applied twice, %d lost; answers %s%n",
          DEPOSITS, lost, duplicated, missing, traffic.answersByStatus());
      assertEquals(0, lost, "acknowledged tasks that did not end done");
      assertEquals(0, duplicated, "deposits applied more than once");
      assertEquals(0, missing, "acknowledged deposits never applied");
      assertTrue(traffic.answersByStatus().keySet().stream().allMatch(s -> s == 0 || s == 200 || s == 202 || s == 429 || s == 503),
          "only acknowledgements and retryable refusals: " + traffic.answersByStatus());
    }
  }

  private static boolean containsChange(JsonNode history, String change, String member) {
    for (JsonNode entry : history) {
      if (entry.path("change").asText().equals(change) && entry.path("member").asText().equals(member)) {
        return true;
      }
    }
    return false;
  }
}
