package io.cellwork.loaddriver.scenario;

import io.cellwork.loaddriver.ClusterControl;
import io.cellwork.loaddriver.api.ApiResponse;
import io.cellwork.loaddriver.check.BankCheck;
import io.cellwork.loaddriver.engine.PlannedRequest;
import io.cellwork.loaddriver.engine.RequestSource;
import io.cellwork.loaddriver.engine.Retrier;
import io.cellwork.loaddriver.engine.RunResult;
import io.cellwork.loaddriver.workload.PlannedTask;
import io.cellwork.loaddriver.workload.TaskJson;
import io.cellwork.loaddriver.workload.TaskTemplate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A node crash under load: durable tasks go to every node; at {@code node-crash.kill-at} one node
 * is SIGKILLed with {@code cellctl cluster kill-node I} and {@code restart-after} later started again
 * with {@code cellctl cluster restart-node I}. Each task is a {@code ledger.deposit} of 1 to one of
 * a few accounts, which makes "exactly once" visible from outside: afterwards every task answered
 * 202 must end {@code done}, and every account's balance must equal the number of its deposits
 * that ended done (a lost task or one run twice would show). Tasks whose answer never came are
 * asked for too: they may or may not have been accepted, but if done they must count once.
 */
final class NodeCrashRunner implements ScenarioRunner {
  private static final int ACCOUNTS = 20;

  /** One submitted deposit. */
  private record Deposit(String id, String account) {}

  @Override
  public ScenarioOutcome run(ScenarioContext context) {
    Scenario s = context.scenario();
    int node = s.config().getInt("node-crash.node");
    long killAt = s.config().getDuration("node-crash.kill-at").toNanos();
    long restartAfter = s.config().getDuration("node-crash.restart-after").toNanos();
    long settle = s.config().getDuration("node-crash.settle").toNanos();
    String tenant = context.runId() + "-crash";
    ClusterControl console = context.console();
    TaskStatuses statuses = new TaskStatuses(context.apis());

    Map<String, Long> before = new TreeMap<>();
    for (int a = 0; a < ACCOUNTS; a++) {
      before.put(account(a), 0L);
    }
    AtomicLong sequence = new AtomicLong();
    Map<String, Deposit> submitted = new ConcurrentHashMap<>();
    Map<String, Integer> answers = new ConcurrentHashMap<>();
    RequestSource deposits = random -> {
      String id = context.runId() + "-dep-" + sequence.incrementAndGet();
      String account = account(random.nextInt(ACCOUNTS));
      PlannedTask task = new PlannedTask(id, tenant, account,
          new TaskTemplate("deposit", 1, "ledger.deposit", Map.of("amount", 1)), "normal", "durable", false);
      Deposit deposit = new Deposit(id, account);
      submitted.put(id, deposit);
      return new PlannedRequest("POST", "/v1/tasks", TaskJson.body(task, 0), new String[0], deposit);
    };
    List<ScheduledFuture<?>> actions = new ArrayList<>();
    RunResult run = context.load(s.name(), s.plan(), deposits, Retrier.NEVER,
        (request, target, answer) -> answers.put(((Deposit) request.tag()).id(), answer.status()),
        started -> {
          actions.add(context.scheduler().schedule(() -> {
            ClusterControl.ConsoleRun kill = console.cellctlCapturing("cluster", "kill-node", Integer.toString(node));
            context.out().println("  >> cellctl cluster kill-node " + node + ": " + kill.output().trim());
          }, killAt, TimeUnit.NANOSECONDS));
          actions.add(context.scheduler().schedule(() -> {
            context.out().println("  >> cellctl cluster restart-node " + node + " ...");
            ClusterControl.ConsoleRun restart = console.cellctlCapturing("cluster", "restart-node", Integer.toString(node));
            context.out().println("  >> restart-node " + node + " exited " + restart.exitCode());
          }, killAt + restartAfter, TimeUnit.NANOSECONDS));
        });
    for (ScheduledFuture<?> action : actions) {
      try {
        action.get();
      } catch (Exception e) {
        throw new IllegalStateException("node-crash: " + e.getMessage(), e);
      }
    }

    long deadline = System.nanoTime() + settle;
    Map<String, Integer> acceptedOutcomes = new TreeMap<>();
    Map<String, Integer> unknownOutcomes = new TreeMap<>();
    List<BankCheck.Movement> done = new ArrayList<>();
    int accepted = 0;
    for (Deposit d : submitted.values()) {
      int status = answers.getOrDefault(d.id(), 0);
      boolean wasAccepted = status == 202 || status == 200;
      if (!wasAccepted && status != 0 && status < 500) {
        continue; // refused outright: never accepted
      }
      String last = statuses.awaitFinal(d.id(), tenant, d.account(), deadline);
      (wasAccepted ? acceptedOutcomes : unknownOutcomes).merge(last, 1, Integer::sum);
      accepted += wasAccepted ? 1 : 0;
      if (last.equals("done")) {
        done.add(BankCheck.Movement.deposit(d.account(), 1));
      }
    }
    Map<String, Long> after = new TreeMap<>();
    for (int a = 0; a < ACCOUNTS; a++) {
      ApiResponse r = context.api(0).get("/v1/accounts/" + TaskStatuses.enc(tenant) + "/" + account(a)).join();
      after.put(account(a), r.status() == 200 ? r.body().path("balance").asLong() : 0L);
    }
    BankCheck.Result books = BankCheck.check(before, after, done);
    int acceptedDone = acceptedOutcomes.getOrDefault("done", 0);
    boolean holds = acceptedDone == accepted && books.ok();

    List<String> summary = new ArrayList<>();
    summary.add(String.format("Node crash (node %d killed and restarted): %d tasks answered 202, final statuses %s;"
            + " %d without an answer, now %s", node, accepted, acceptedOutcomes,
        unknownOutcomes.values().stream().mapToInt(Integer::intValue).sum(), unknownOutcomes));
    summary.add(String.format("  deposits done %d, balances sum %d -> %s", done.size(),
        after.values().stream().mapToLong(Long::longValue).sum(),
        holds ? "every 202 task done, exactly once" : "VIOLATED"));
    books.violations().stream().limit(20).forEach(v -> summary.add("  violation: " + v));
    Map<String, Object> findings = new LinkedHashMap<>();
    findings.put("node", node);
    findings.put("accepted", accepted);
    findings.put("acceptedOutcomes", acceptedOutcomes);
    findings.put("unansweredOutcomes", unknownOutcomes);
    findings.put("violations", books.violations());
    findings.put("ok", holds);
    return new ScenarioOutcome(List.of(run), findings, summary, holds, List.of());
  }

  private static String account(int a) {
    return "acct-" + a;
  }
}
