package io.cellwork.loaddriver.scenario;

import io.cellwork.loaddriver.api.ApiResponse;
import io.cellwork.loaddriver.api.CellworkApi;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * Asks the API for a task's final status ({@code GET /v1/tasks/{id}?tenant=T&key=K}), polling
 * until it is final or time runs out, trying each node in turn (one may be down).
 */
final class TaskStatuses {
  static final Set<String> FINAL = Set.of("done", "failed", "expired", "killed");
  static final String NOT_FOUND = "not_found";
  private static final long POLL_NANOS = 100_000_000L;

  private final List<CellworkApi> apis;

  TaskStatuses(List<CellworkApi> apis) {
    this.apis = apis;
  }

  /** The final status, {@link #NOT_FOUND} when no node knows the task, or the last status seen when time ran out. */
  String awaitFinal(String id, String tenant, String key, long deadlineNanos) {
    String last = "unknown";
    int node = 0;
    int notFound = 0;
    do {
      ApiResponse r = apis.get(node % apis.size()).get("/v1/tasks/" + enc(id) + "?tenant=" + enc(tenant) + "&key=" + enc(key)).join();
      if (r.status() == 200) {
        last = r.body().path("status").asText("unknown");
        if (FINAL.contains(last)) {
          return last;
        }
      } else if (r.status() == 404) {
        // Asked twice of every node: not found anywhere means it was never accepted.
        if (++notFound >= 2 * apis.size()) {
          return NOT_FOUND;
        }
        node++;
        continue;
      } else {
        node++;
      }
      LockSupport.parkNanos(POLL_NANOS);
    } while (System.nanoTime() < deadlineNanos);
    return last;
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
