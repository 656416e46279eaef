package io.cellwork.loaddriver.scenario;

import com.typesafe.config.Config;
import io.cellwork.loaddriver.engine.Answer;
import io.cellwork.loaddriver.engine.LoadRun;
import io.cellwork.loaddriver.engine.Retrier;
import io.cellwork.loaddriver.engine.RunResult;
import io.cellwork.loaddriver.retry.FullJitterBackoff;
import io.cellwork.loaddriver.retry.ImmediateRetry;
import io.cellwork.loaddriver.retry.RetryBudget;
import io.cellwork.loaddriver.retry.RetryPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.random.RandomGenerator;

/**
 * The thundering herd, in two phases of one run: many closed-loop clients; a global reject_new
 * switch refuses everything for {@code hold}, then is released. Phase "naive": every refused
 * request is retried at once. Phase "backoff": retries wait a full-jitter exponential backoff and
 * draw on a retry budget; a client whose retry the budget denies gives up and comes back after
 * the backoff cap. For each phase: goodput before the switch, the retries sent, and the time from
 * the release until goodput (in a sliding half-second window) is back to {@code recovered-share}
 * of what it was before.
 */
final class ThunderingHerdRunner implements ScenarioRunner {
  private static final long BUCKET_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
  private static final int WINDOW_BUCKETS = 10;
  /** Goodput before the switch is measured from here, past the connections' warm-up. */
  private static final long WARM_UP_NANOS = TimeUnit.SECONDS.toNanos(1);

  /** What one phase showed. */
  record Phase(String name, double goodputBefore, long retries, long budgetDenied, double recoveryMs) {}

  @Override
  public ScenarioOutcome run(ScenarioContext context) {
    Scenario s = context.scenario();
    Config herd = s.config().getConfig("thundering-herd");
    RandomGenerator shared = () -> ThreadLocalRandom.current().nextLong();
    Config backoff = herd.getConfig("backoff");
    FullJitterBackoff jitter = new FullJitterBackoff(backoff.getDuration("base").toMillis(),
        backoff.getDuration("cap").toMillis(), backoff.getInt("max-attempts"), shared);

    List<RunResult> runs = new ArrayList<>();
    List<Phase> phases = new ArrayList<>();
    // Unreported: JIT-cold nodes would make the first phase's "before" goodput the lower one.
    java.time.Duration warmUp = herd.getDuration("warm-up");
    if (!warmUp.isZero()) {
      context.load("warm-up", new io.cellwork.loaddriver.engine.LoadPlan(false, false, s.plan().profile(),
          s.plan().concurrency(), warmUp, 0, s.plan().drain()), context.requests("warm"));
    }
    phases.add(phase(context, "naive", new ImmediateRetry(herd.getInt("naive.max-attempts")), null, 0, runs));
    RetryBudget budget = new RetryBudget(herd.getDouble("budget.ratio"), herd.getInt("budget.min-per-second"), System::nanoTime);
    phases.add(phase(context, "backoff", jitter, budget, backoff.getDuration("cap").toNanos(), runs));

    List<String> summary = new ArrayList<>();
    summary.add("Thundering herd (" + s.plan().concurrency() + " clients, global reject_new for "
        + herd.getDuration("hold").toSeconds() + " s):");
    for (Phase p : phases) {
      summary.add(String.format(Locale.ROOT, "  %-8s goodput before %8.1f/s  retries %9d (%.0f/s while engaged)"
          + "  budget denied %7d  goodput back to %.0f%% %s", p.name(), p.goodputBefore(), p.retries(),
          p.retries() / (double) herd.getDuration("hold").toSeconds(), p.budgetDenied(),
          herd.getDouble("recovered-share") * 100,
          Double.isNaN(p.recoveryMs()) ? "NEVER within the run" : String.format(Locale.ROOT, "%.0f ms after release", p.recoveryMs())));
    }
    Map<String, Object> findings = new LinkedHashMap<>();
    findings.put("phases", phases);
    boolean recovered = phases.stream().noneMatch(p -> Double.isNaN(p.recoveryMs()));
    return new ScenarioOutcome(runs, findings, summary, recovered, List.of());
  }

  private Phase phase(ScenarioContext context, String name, RetryPolicy policy, RetryBudget budget, long giveUpPauseNanos,
      List<RunResult> runs) {
    Scenario s = context.scenario();
    Config herd = s.config().getConfig("thundering-herd");
    long engageAt = herd.getDuration("engage-at").toNanos();
    long hold = herd.getDuration("hold").toNanos();
    int buckets = (int) (s.plan().duration().toNanos() / BUCKET_NANOS) + 4 * WINDOW_BUCKETS;
    AtomicLongArray goodput = new AtomicLongArray(buckets);
    AtomicLong retries = new AtomicLong();
    AtomicLong denied = new AtomicLong();
    long[] startNanos = new long[1];
    SwitchOperator operator = new SwitchOperator(context.api(0), context.token());

    Retrier retrier = new Retrier() {
      @Override
      public OptionalLong retryAfterNanos(int attempt, Answer answer) {
        OptionalLong delay = policy.delayBeforeRetry(attempt);
        if (delay.isEmpty()) {
          return OptionalLong.empty();
        }
        if (budget != null && !budget.tryRetry()) {
          denied.incrementAndGet();
          return OptionalLong.empty();
        }
        retries.incrementAndGet();
        return OptionalLong.of(TimeUnit.MILLISECONDS.toNanos(delay.getAsLong()));
      }

      @Override
      public long pauseAfterGivingUpNanos() {
        return giveUpPauseNanos;
      }
    };
    WorkloadRequests requests = context.requests(name);
    io.cellwork.loaddriver.engine.RequestSource counted = random -> {
      if (budget != null) {
        budget.onRequest(); // every original request earns retry credit, retries do not
      }
      return requests.next(random);
    };
    RunResult run = context.load(name, s.plan(), counted, retrier, (request, target, answer) -> {
      if (answer.isSuccess()) {
        int bucket = (int) ((answer.doneNanos() - startNanos[0]) / BUCKET_NANOS);
        if (bucket >= 0 && bucket < buckets) {
          goodput.incrementAndGet(bucket);
        }
      }
    }, (LoadRun started) -> {
      startNanos[0] = System.nanoTime();
      context.scheduler().schedule(() -> operator.engage("global", "reject_new", "load driver: thundering herd"),
          engageAt, TimeUnit.NANOSECONDS);
      context.scheduler().schedule(operator::release, engageAt + hold, TimeUnit.NANOSECONDS);
    });
    if (operator.engaged() && !operator.released()) {
      operator.release();
    }
    runs.add(run);
    if (!operator.engaged()) {
      throw new IllegalStateException("thundering-herd: could not engage the switch: " + operator.failure());
    }
    int engagedBucket = (int) ((operator.engageSentNanos - startNanos[0]) / BUCKET_NANOS);
    int warm = (int) (WARM_UP_NANOS / BUCKET_NANOS);
    long before = 0;
    for (int b = warm; b < engagedBucket; b++) {
      before += goodput.get(b);
    }
    double beforeRate = before / ((engagedBucket - warm) * BUCKET_NANOS / 1e9);
    int releaseBucket = (int) ((operator.releaseSentNanos - startNanos[0]) / BUCKET_NANOS);
    double wanted = herd.getDouble("recovered-share") * beforeRate * WINDOW_BUCKETS * BUCKET_NANOS / 1e9;
    double recoveryMs = Double.NaN;
    for (int b = releaseBucket; b + WINDOW_BUCKETS <= buckets; b++) {
      long sum = 0;
      for (int w = b; w < b + WINDOW_BUCKETS; w++) {
        sum += goodput.get(w);
      }
      if (sum >= wanted) {
        recoveryMs = Math.max(0, (b * BUCKET_NANOS + startNanos[0] - operator.releaseSentNanos) / 1e6);
        break;
      }
    }
    return new Phase(name, beforeRate, retries.get(), denied.get(), recoveryMs);
  }
}
