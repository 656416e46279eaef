package io.cellwork.loaddriver.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cellwork.loaddriver.api.ApiResponse;
import io.cellwork.loaddriver.api.CellworkApi;
import io.cellwork.loaddriver.check.BankCheck;
import io.cellwork.loaddriver.engine.Answer;
import io.cellwork.loaddriver.engine.PlannedRequest;
import io.cellwork.loaddriver.engine.RequestSource;
import io.cellwork.loaddriver.engine.RunResult;
import io.cellwork.loaddriver.workload.PlannedTask;
import io.cellwork.loaddriver.workload.TaskJson;
import io.cellwork.loaddriver.workload.TaskTemplate;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bank: opens {@code bank.accounts} accounts of one tenant with a deposit each, then runs the
 * scenario's load as durable {@code ledger.transfer}s between random pairs. Every transfer whose
 * answer was not a final status (no answer, timed out, accepted) is asked for its status
 * afterwards. The opening and closing balances and the transfers that ended {@code done} go to
 * {@link BankCheck}: total conserved, no negative balance, each balance what the done transfers imply.
 */
final class BankRunner implements ScenarioRunner {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final java.util.Set<Integer> REFUSED = java.util.Set.of(400, 409, 413, 429, 503);
  private static final long SETTLE_NANOS = TimeUnit.SECONDS.toNanos(60);

  /** One submitted transfer and what became of it. */
  private record Transfer(String id, String from, String to, long amount) {}

  @Override
  public ScenarioOutcome run(ScenarioContext context) {
    Scenario s = context.scenario();
    int accounts = s.config().getInt("bank.accounts");
    long opening = s.config().getLong("bank.opening-balance");
    long maxAmount = s.config().getLong("bank.max-amount");
    String tenant = context.runId() + "-bank";
    CellworkApi api = context.api(0);
    TaskStatuses statuses = new TaskStatuses(context.apis());

    Map<String, Long> before = balances(api, tenant, accounts);
    List<BankCheck.Movement> done = new ArrayList<>();
    for (int a = 0; a < accounts; a++) {
      Map<String, Object> deposit = new LinkedHashMap<>();
      deposit.put("id", context.runId() + "-open-" + a);
      deposit.put("tenant", tenant);
      deposit.put("key", account(a));
      deposit.put("kind", "ledger.deposit");
      deposit.put("durability", "durable");
      deposit.put("params", Map.of("amount", opening));
      ApiResponse r = api.submit(deposit, true).join();
      String status = "done".equals(r.body().path("status").asText()) ? "done"
          : statuses.awaitFinal((String) deposit.get("id"), tenant, account(a), System.nanoTime() + SETTLE_NANOS);
      if (status.equals("done")) {
        done.add(BankCheck.Movement.deposit(account(a), opening));
      }
    }

    AtomicLong sequence = new AtomicLong();
    Map<String, String> finalStatus = new ConcurrentHashMap<>();
    Map<String, Transfer> submitted = new ConcurrentHashMap<>();
    RequestSource transfers = random -> {
      int from = random.nextInt(accounts);
      int to = (from + 1 + random.nextInt(accounts - 1)) % accounts;
      long amount = 1 + random.nextLong(maxAmount);
      String id = context.runId() + "-xfer-" + sequence.incrementAndGet();
      Map<String, Object> params = new LinkedHashMap<>();
      params.put("amount", amount);
      params.put("to", account(to));
      PlannedTask task = new PlannedTask(id, tenant, account(from),
          new TaskTemplate("transfer", 1, "ledger.transfer", params), "normal", "durable", false);
      Transfer transfer = new Transfer(id, account(from), account(to), amount);
      submitted.put(id, transfer);
      return new PlannedRequest("POST", "/v1/tasks?wait=true", TaskJson.body(task, 0), new String[0], transfer);
    };
    RunResult run = context.load(s.name(), s.plan(), transfers, io.cellwork.loaddriver.engine.Retrier.NEVER,
        (request, target, answer) -> {
          String status = statusOf(answer);
          if (status != null) {
            finalStatus.put(((Transfer) request.tag()).id(), status);
          }
        }, r -> { });

    long deadline = System.nanoTime() + SETTLE_NANOS;
    int polled = 0;
    Map<String, Integer> outcomes = new TreeMap<>();
    for (Transfer t : submitted.values()) {
      String status = finalStatus.get(t.id());
      if (status == null) {
        polled++;
        status = statuses.awaitFinal(t.id(), tenant, t.from(), deadline);
      }
      outcomes.merge(status, 1, Integer::sum);
      if (status.equals("done")) {
        done.add(BankCheck.Movement.transfer(t.from(), t.to(), t.amount()));
      }
    }
    Map<String, Long> after = balances(api, tenant, accounts);
    BankCheck.Result check = BankCheck.check(before, after, done);
    long total = after.values().stream().mapToLong(Long::longValue).sum();

    List<String> summary = new ArrayList<>();
    summary.add(String.format("Bank: %d accounts, %d transfers submitted, outcomes %s (%d asked for afterwards);"
        + " total %d of %d -> %s", accounts, submitted.size(), outcomes, polled, total, accounts * opening,
        check.ok() ? "books OK" : "VIOLATED"));
    check.violations().stream().limit(20).forEach(v -> summary.add("  violation: " + v));
    Map<String, Object> findings = new LinkedHashMap<>();
    findings.put("accounts", accounts);
    findings.put("transfers", submitted.size());
    findings.put("outcomes", outcomes);
    findings.put("totalBefore", accounts * opening);
    findings.put("totalAfter", total);
    findings.put("ok", check.ok());
    findings.put("violations", check.violations());
    return new ScenarioOutcome(List.of(run), findings, summary, check.ok(), List.of());
  }

  /** The final status in a ?wait=true answer, or null when the answer does not carry one. */
  static String statusOf(Answer answer) {
    if (answer.status() != 200 && answer.status() != 202) {
      // These refusals mean never accepted; anything else (no answer, a 5xx) is unknown: ask later.
      return REFUSED.contains(answer.status()) ? "refused" : null;
    }
    try {
      JsonNode body = JSON.readTree(answer.body());
      String status = body.path("status").asText("");
      return TaskStatuses.FINAL.contains(status) ? status : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static Map<String, Long> balances(CellworkApi api, String tenant, int accounts) {
    Map<String, Long> result = new TreeMap<>();
    for (int a = 0; a < accounts; a++) {
      ApiResponse r = api.get("/v1/accounts/" + TaskStatuses.enc(tenant) + "/" + account(a)).join();
      result.put(account(a), r.status() == 200 ? r.body().path("balance").asLong() : 0L);
    }
    return result;
  }

  private static String account(int a) {
    return "acct-" + a;
  }
}
