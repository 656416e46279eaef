package io.cellwork.loaddriver.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.cellwork.loaddriver.ClusterControl;
import io.cellwork.loaddriver.api.ApiResponse;
import io.cellwork.loaddriver.api.CellworkApi;
import io.cellwork.loaddriver.report.PhaseStats;
import io.cellwork.loaddriver.report.TextTable;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;

/**
 * The main job in miniature: a short mixed workload through the HTTP API (transient echo,
 * durable sleeps, ledger transfers with an invariant check, a kill switch engaged mid-run from
 * the console, a handful of bad requests) and a readable account of what happened. Every id is
 * prefixed with a run id, so runs never collide with each other's idempotency keys or accounts.
 */
public final class Demo {
  private static final int ACCOUNTS = 20;
  private static final long OPENING_BALANCE = 10_000;

  private final CellworkApi api;
  private final ClusterControl console;
  private final PrintStream out;
  private final String run;
  private final Random random = new Random();
  private final DemoSize size;

  /** How much work each phase does. */
  public record DemoSize(int echoTasks, int sleepTasks, int transfers, int killedTasks, int refusedTasks, int concurrency) {
    public static final DemoSize DEFAULT = new DemoSize(2_000, 200, 400, 120, 200, 16);
  }

  /** @param console the operator's console, for the kill switch mid-run */
  public Demo(CellworkApi api, ClusterControl console, PrintStream out, DemoSize size) {
    this.api = api;
    this.console = console;
    this.out = out;
    this.size = size;
    this.run = "demo-" + Long.toString(System.currentTimeMillis(), 36);
  }

  /** Runs every phase and prints the report; returns false when an invariant or expectation broke. */
  public boolean run() {
    out.println("Run " + run + " against " + api.baseUrl());
    // Both JVMs start cold; a short unreported warm-up keeps JIT compilation out of the figures.
    drive("warm-up", size.echoTasks() / 4, i -> task("warm-" + i, "tenant-0", "key-" + i, "echo", "transient", Map.of()));
    PhaseStats echo = drive("echo, transient", size.echoTasks(), i ->
        task("echo-" + i, "tenant-" + (i % 8), "key-" + i, "echo", "transient", Map.of("n", i)));
    PhaseStats sleep = drive("sleep 50 ms, durable", size.sleepTasks(), i ->
        task("sleep-" + i, "tenant-" + (i % 8), "key-" + i, "sleep", "durable", Map.of("millis", 50)));
    LedgerCheck ledger = runLedger();
    KillSwitchDrill.Outcome drill = new KillSwitchDrill(api, console, run, size.concurrency())
        .run(size.killedTasks(), size.refusedTasks());
    List<String[]> bad = badRequests();

    out.println();
    TextTable phases = new TextTable("workload", "sent", "done", "failed", "other", "p50 ms", "p99 ms", "max ms");
    for (PhaseStats phase : List.of(echo, sleep, ledger.transfers())) {
      Histogram h = phase.latencyMicros();
      int done = phase.outcome("done");
      int failed = phase.outcome("failed");
      phases.row(phase.name(), phase.sentCount(), done, failed, phase.sentCount() - done - failed,
          h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0);
    }
    phases.print(out);
    out.println();
    out.println("Ledger (" + ACCOUNTS + " accounts, " + ledger.transfers().sentCount() + " concurrent transfers): "
        + ledger.summary());
    out.println();
    out.println(describe(drill));
    out.println();
    TextTable errors = new TextTable("bad request", "HTTP", "error", "field", "message");
    bad.forEach(errors::row);
    errors.print(out);

    boolean badOk = bad.stream().allMatch(row -> row[1].startsWith("4"));
    boolean allDone = echo.outcome("done") == echo.sentCount() && sleep.outcome("done") == sleep.sentCount();
    if (!allDone) {
      out.println("\nSome tasks did not end done: " + echo.outcomes() + " " + sleep.outcomes());
    }
    return ledger.holds() && drill.holds() && badOk && allDone;
  }

  // ---- phases ----

  private PhaseStats drive(String name, int count, IntFunction<Map<String, Object>> taskFor) {
    PhaseStats stats = new PhaseStats(name);
    runConcurrently(count, i -> {
      stats.sent();
      return api.submit(taskFor.apply(i), true).thenAccept(stats::record);
    });
    return stats;
  }

  private LedgerCheck runLedger() {
    String tenant = run + "-bank";
    runConcurrently(ACCOUNTS, a -> api.submit(
        task("open-" + a, tenant, "acct-" + a, "ledger.deposit", "durable", Map.of("amount", OPENING_BALANCE)), true)
        .thenAccept(r -> require(r, "opening deposit")));
    PhaseStats transfers = new PhaseStats("ledger transfers, durable");
    long[] expected = new long[ACCOUNTS];
    java.util.Arrays.fill(expected, OPENING_BALANCE);
    runConcurrently(size.transfers(), i -> {
      int from = random.nextInt(ACCOUNTS);
      int to = (from + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
      long amount = 1 + random.nextInt(3_000);
      transfers.sent();
      return api.submit(task("transfer-" + i, tenant, "acct-" + from, "ledger.transfer", "durable",
              Map.of("amount", amount, "to", "acct-" + to)), true)
          .thenAccept(response -> {
            transfers.record(response);
            if ("done".equals(response.body().path("status").asText())) {
              synchronized (expected) {
                expected[from] -= amount;
                expected[to] += amount;
              }
            }
          });
    });
    long total = 0;
    long min = Long.MAX_VALUE;
    int mismatched = 0;
    for (int a = 0; a < ACCOUNTS; a++) {
      ApiResponse balance = api.get("/v1/accounts/" + tenant + "/acct-" + a).join();
      long value = balance.body().path("balance").asLong(-1);
      total += value;
      min = Math.min(min, value);
      if (value != expected[a]) {
        mismatched++;
      }
    }
    return new LedgerCheck(transfers, ACCOUNTS * OPENING_BALANCE, total, min, mismatched);
  }

  private List<String[]> badRequests() {
    List<String[]> rows = new ArrayList<>();
    String ok = "{\"tenant\":\"t\",\"key\":\"k\",\"kind\":\"echo\"";
    rows.add(describe("malformed JSON", api.postRaw("/v1/tasks", "{\"tenant\": \"t\", ").join()));
    rows.add(describe("unknown kind", api.postRaw("/v1/tasks", "{\"tenant\":\"t\",\"key\":\"k\",\"kind\":\"teleport\"}").join()));
    rows.add(describe("negative cpu micros", api.postRaw("/v1/tasks",
        "{\"tenant\":\"t\",\"key\":\"k\",\"kind\":\"cpu\",\"params\":{\"micros\":-1}}").join()));
    rows.add(describe("tenant is a number", api.postRaw("/v1/tasks", "{\"tenant\":42,\"key\":\"k\",\"kind\":\"echo\"}").join()));
    rows.add(describe("body of 2 MiB", api.postRaw("/v1/tasks",
        ok + ",\"params\":{\"s\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}}").join()));
    String id = "twice";
    api.submit(task(id, "t", "k", "echo", "durable", Map.of("v", 1)), true).join();
    rows.add(describe("same id, other body", api.submit(task(id, "t", "k", "echo", "durable", Map.of("v", 2)), false).join()));
    return rows;
  }

  // ---- helpers ----

  private void runConcurrently(int count, IntFunction<CompletableFuture<?>> request) {
    Semaphore slots = new Semaphore(size.concurrency());
    List<CompletableFuture<?>> pending = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      slots.acquireUninterruptibly();
      pending.add(request.apply(i).whenComplete((ignored, failure) -> slots.release()));
    }
    CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
  }

  private Map<String, Object> task(String id, String tenant, String key, String kind, String durability, Map<String, Object> params) {
    Map<String, Object> task = new LinkedHashMap<>();
    task.put("id", run + "-" + id);
    task.put("tenant", tenant);
    task.put("key", key);
    task.put("kind", kind);
    task.put("durability", durability);
    task.put("params", params);
    return task;
  }

  private static void require(ApiResponse response, String what) {
    if (!"done".equals(response.body().path("status").asText())) {
      throw new IllegalStateException(what + " did not succeed: HTTP " + response.status() + " " + response.body());
    }
  }

  private static String describe(KillSwitchDrill.Outcome drill) {
    if (drill.switchId() == null) {
      return "Kill switch mid-run: `cellctl kill engage` failed -> VIOLATED";
    }
    return String.format("Kill switch mid-run: %d durable 20 s tasks of a runaway tenant accepted into one cell (running and"
            + " queued); `cellctl kill engage --mode hard_stop` engaged %s; the next submission was refused %.0f ms after"
            + " the command returned; %d of %d accepted tasks ended killed, %d of %d later submissions refused with 503;"
            + " after `cellctl kill release` new work %s -> %s",
        drill.acceptedBefore(), drill.switchId(), drill.firstRefusalMillis(), drill.killedBefore(), drill.acceptedBefore(),
        drill.refused(), drill.submittedAfter(), drill.flowsAfterRelease() ? "ran" : "did NOT run",
        drill.holds() ? "OK" : "VIOLATED");
  }

  private static String[] describe(String label, ApiResponse response) {
    JsonNode body = response.body();
    String message = body.path("message").asText("");
    return new String[] {
      label, Integer.toString(response.status()), body.path("error").asText("-"), body.path("field").asText("-"),
      message.length() > 60 ? message.substring(0, 57) + "..." : message
    };
  }

  /** The ledger's books after the transfers. */
  record LedgerCheck(PhaseStats transfers, long expectedTotal, long total, long minBalance, int mismatched) {
    boolean holds() {
      return total == expectedTotal && minBalance >= 0 && mismatched == 0;
    }

    String summary() {
      return String.format("total %d of %d %s, lowest balance %d, %d accounts off their done transfers -> %s",
          total, expectedTotal, total == expectedTotal ? "(conserved)" : "(NOT conserved)", minBalance, mismatched,
          holds() ? "OK" : "VIOLATED");
    }
  }
}
