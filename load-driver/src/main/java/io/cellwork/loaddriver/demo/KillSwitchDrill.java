package io.cellwork.loaddriver.demo;

import io.cellwork.loaddriver.ClusterControl;
import io.cellwork.loaddriver.api.ApiResponse;
import io.cellwork.loaddriver.api.CellworkApi;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo's kill switch, mid-run: a runaway tenant fills one cell with long durable tasks (some
 * running, the rest queued), an operator stops it with {@code cellctl kill engage --mode
 * hard_stop} through the real console, the tenant's next tasks are refused, everything it had
 * queued or running ends {@code killed}, and after {@code cellctl kill release} its work flows
 * again.
 */
final class KillSwitchDrill {
  private static final Pattern ENGAGED = Pattern.compile("Engaged (ks-[0-9a-f]+)");
  private static final long TASK_MILLIS = 20_000;

  private final CellworkApi api;
  private final ClusterControl console;
  private final String run;
  private final int concurrency;

  /**
   * @param killedBefore tasks accepted before the engage that ended {@code killed}
   * @param refused later submissions refused with 503 naming the switch
   * @param firstRefusalMillis from the engage command's return to the first refusal's arrival
   */
  record Outcome(String switchId, int acceptedBefore, int killedBefore, int submittedAfter, int refused,
      double firstRefusalMillis, boolean flowsAfterRelease) {
    boolean holds() {
      return switchId != null && killedBefore == acceptedBefore && refused == submittedAfter && flowsAfterRelease;
    }
  }

  KillSwitchDrill(CellworkApi api, ClusterControl console, String run, int concurrency) {
    this.api = api;
    this.console = console;
    this.run = run;
    this.concurrency = concurrency;
  }

  Outcome run(int before, int after) {
    String tenant = run + "-runaway";
    List<String> accepted = new CopyOnWriteArrayList<>();
    submitAll(tenant, "before", before, response -> {
      if (response.isAccepted()) {
        accepted.add(response.body().path("id").asText());
      }
    });

    ClusterControl.ConsoleRun engage = console.cellctlCapturing("kill", "engage", "--url", api.baseUrl(),
        "--scope", "tenant:" + tenant, "--mode", "hard_stop", "--reason", "runaway tenant (demo)");
    long engagedNanos = System.nanoTime();
    Matcher id = ENGAGED.matcher(engage.output());
    if (engage.exitCode() != 0 || !id.find()) {
      return new Outcome(null, accepted.size(), 0, after, 0, Double.NaN, false);
    }
    String switchId = id.group(1);

    AtomicLong firstRefusal = new AtomicLong(Long.MAX_VALUE);
    AtomicInteger refused = new AtomicInteger();
    submitAll(tenant, "after", after, response -> {
      if (response.status() == 503 && switchId.equals(response.body().path("switch").asText())) {
        refused.incrementAndGet();
        firstRefusal.accumulateAndGet(System.nanoTime(), Math::min);
      }
    });

    int killed = 0;
    for (String task : accepted) {
      String status = awaitFinal(task, tenant);
      killed += status.equals("killed") ? 1 : 0;
    }

    boolean released = console.cellctlCapturing("kill", "release", "--url", api.baseUrl(), switchId).exitCode() == 0;
    boolean flows = released && "done".equals(
        api.submit(task(tenant, "after-release", 10), true).join().body().path("status").asText());
    double firstRefusalMillis = firstRefusal.get() == Long.MAX_VALUE ? Double.NaN : (firstRefusal.get() - engagedNanos) / 1e6;
    return new Outcome(switchId, accepted.size(), killed, after, refused.get(), firstRefusalMillis, flows);
  }

  /** Submits {@code count} tasks, {@code concurrency} at a time, handing each answer on as it arrives. */
  private void submitAll(String tenant, String prefix, int count, Consumer<ApiResponse> onAnswer) {
    for (int i = 0; i < count; i += concurrency) {
      List<CompletableFuture<Void>> batch = new ArrayList<>();
      for (int j = i; j < Math.min(count, i + concurrency); j++) {
        batch.add(api.submit(task(tenant, prefix + "-" + j, TASK_MILLIS), false).thenAccept(onAnswer));
      }
      CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new)).join();
    }
  }

  private String awaitFinal(String id, String tenant) {
    long giveUp = System.nanoTime() + 30_000_000_000L;
    String status = "unknown";
    while (System.nanoTime() < giveUp) {
      status = api.get("/v1/tasks/" + id + "?tenant=" + tenant + "&key=hot").join().body().path("status").asText("unknown");
      if (!status.equals("accepted") && !status.equals("running") && !status.equals("unknown")) {
        return status;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return status;
      }
    }
    return status;
  }

  /** Every task on one key: one cell, so beyond its in-flight limit they queue. */
  private Map<String, Object> task(String tenant, String id, long millis) {
    Map<String, Object> task = new LinkedHashMap<>();
    task.put("id", run + "-" + id);
    task.put("tenant", tenant);
    task.put("key", "hot");
    task.put("kind", "sleep");
    task.put("durability", "durable");
    task.put("params", Map.of("millis", millis));
    return task;
  }
}
