package io.cellwork.controlplane.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** Reads a cluster's verdicts: final task statuses and balances, from whichever node answers. */
final class ClusterChecks {
  private static final Set<String> FINAL = Set.of("done", "failed", "expired", "killed");

  private ClusterChecks() {}

  static JsonNode awaitFinal(Traffic traffic, String id, String tenant, String key) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    Optional<JsonNode> status = Optional.empty();
    while (System.nanoTime() < deadline) {
      status = traffic.get("/v1/tasks/" + id + "?tenant=" + tenant + "&key=" + key);
      if (status.isPresent() && FINAL.contains(status.get().path("status").asText())) {
        return status.get();
      }
      Thread.sleep(100);
    }
    throw new AssertionError(id + " has no final status: " + status);
  }

  static long balance(Traffic traffic, String tenant, String key) {
    return traffic.get("/v1/accounts/" + tenant + "/" + key)
        .map(account -> account.path("balance").asLong())
        .orElseThrow(() -> new AssertionError("no node answers for account " + tenant + "/" + key));
  }
}
