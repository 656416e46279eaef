package io.cellwork.loaddriver.scenario;

import io.cellwork.loaddriver.engine.Answer;
import io.cellwork.loaddriver.engine.AnswerListener;
import io.cellwork.loaddriver.engine.LoadPlan;
import io.cellwork.loaddriver.engine.LoadRun;
import io.cellwork.loaddriver.engine.PlannedRequest;
import io.cellwork.loaddriver.engine.RequestSource;
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
import java.util.concurrent.locks.LockSupport;
import java.util.random.RandomGenerator;

/**
 * The thundering herd, in phases of one run (naive, then backoff, or the other way round), each the
 * same: new user requests keep arriving on the scenario's open-loop schedule (Poisson); every
 * request is a client that retries until it is done or gives up (max attempts, deadline, or the
 * retry budget). A global reject_new switch refuses everything for {@code hold}, so the clients
 * pending grow by rate x hold; at the release they all come back. Phase "naive": every refusal,
 * 429, 5xx or timeout is retried at once. Phase "backoff": retries wait a full-jitter exponential
 * backoff (at least the answer's Retry-After when {@code honour-retry-after}) and draw on a retry
 * budget; a retry the budget denies fails the request (as Finagle's budget and gRPC's retry
 * throttling do). Optional phase "jitter": the same backoff without the budget, to tell what the
 * jitter does from what the budget does. Retries re-send the same request, task id included, so a retried task is never
 * run twice (Cellwork answers a repeated id with the first submission's outcome). Figures per
 * phase: see {@link HerdTally.Figures}. A cool-down between phases lets the second start from the
 * same idle state.
 */
final class ThunderingHerdRunner implements ScenarioRunner {
  /** A Retry-After longer than this is not believed (a misconfigured server must not park clients for hours). */
  private static final long MAX_RETRY_AFTER_SECONDS = 60;

  @Override
  public ScenarioOutcome run(ScenarioContext context) {
    Scenario s = context.scenario();
    if (!s.plan().openLoop()) {
      throw new IllegalArgumentException("thundering-herd needs load.mode = open (new requests keep arriving)");
    }
    HerdSettings herd = HerdSettings.create(s.config().getConfig("thundering-herd"));
    if (!herd.warmUp().isZero()) {
      LoadPlan p = s.plan();
      context.load("warm-up", new LoadPlan(true, p.poisson(), p.profile(), 0, herd.warmUp(), 0, p.drain()),
          context.requests("warm"));
    }
    List<RunResult> runs = new ArrayList<>();
    List<HerdTally.Figures> phases = new ArrayList<>();
    for (String phase : herd.phases()) {
      if (!phases.isEmpty()) {
        LockSupport.parkNanos(herd.coolDown().toNanos()); // let the cluster go idle before the next phase
      }
      phases.add(phase(context, herd, phase, runs));
    }
    double rate = s.plan().profile().rateAt(0);
    List<String> summary = new ArrayList<>();
    summary.add(String.format(Locale.ROOT, "Thundering herd: %.0f new requests/s (%s), global reject_new for %.1f s,"
        + " client timeout %.1f s, deadline %.0f s; recovered = new arrivals done at >= %.0f%% of their rate over %.1f s",
        rate, s.plan().poisson() ? "Poisson" : "even", herd.hold().toMillis() / 1000.0,
        s.engine().requestTimeout().toMillis() / 1000.0, herd.deadline().toMillis() / 1000.0,
        herd.recoveredShare() * 100, herd.recoveredWindow().toMillis() / 1000.0));
    phases.forEach(p -> summary.addAll(lines(p, herd)));
    Map<String, Object> findings = new LinkedHashMap<>();
    findings.put("phases", phases.stream().map(ThunderingHerdRunner::document).toList());
    boolean recovered = phases.stream().noneMatch(p -> Double.isNaN(p.recoveryMs()));
    return new ScenarioOutcome(runs, findings, summary, recovered, List.of());
  }

  private static List<String> lines(HerdTally.Figures p, HerdSettings herd) {
    double hold = herd.hold().toMillis() / 1000.0;
    return List.of(
        String.format(Locale.ROOT, "  %-8s goodput before %.1f/s (offered %.1f/s); %d arrived during the outage;"
            + " peak pending clients %d", p.name(), p.goodputBefore(), p.offeredRate(), p.arrivedDuringOutage(),
            p.peakPending()),
        String.format(Locale.ROOT, "           retries: %d during the outage (%.0f/s), %d after the release;"
            + " %d tries for %d done = %.2f tries per done request", p.retriesDuringOutage(),
            p.retriesDuringOutage() / hold, p.retriesAfterRelease(), p.tries(), p.done(), p.attemptsPerSuccess()),
        String.format(Locale.ROOT, "           after the release: 429 x %d, timeouts x %d; new arrivals recovered %s;"
            + " backlog drained %s", p.overloadedAfterRelease(), p.timeoutsAfterRelease(), millis(p.recoveryMs()),
            millis(p.backlogDrainedMs())),
        String.format(Locale.ROOT, "           outage arrivals: %d of %d done, end-to-end p99 %s; gave up: %s",
            p.outageDone(), p.arrivedDuringOutage(), Double.isNaN(p.outageP99Ms()) ? "-"
                : String.format(Locale.ROOT, "%.0f ms", p.outageP99Ms()),
            p.gaveUp().isEmpty() ? "none" : p.gaveUp().toString()));
  }

  /** A phase's figures for report.json, a figure that is NaN ("never", "none") as null: JSON has no NaN. */
  private static Map<String, Object> document(HerdTally.Figures figures) {
    Map<String, Object> doc = new LinkedHashMap<>();
    for (java.lang.reflect.RecordComponent c : HerdTally.Figures.class.getRecordComponents()) {
      try {
        Object value = c.getAccessor().invoke(figures);
        doc.put(c.getName(), value instanceof Double d && d.isNaN() ? null : value);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    return doc;
  }

  private static String millis(double ms) {
    return Double.isNaN(ms) ? "NEVER within the run" : String.format(Locale.ROOT, "%.0f ms after the release", ms);
  }

  private HerdTally.Figures phase(ScenarioContext context, HerdSettings herd, String name, List<RunResult> runs) {
    Scenario s = context.scenario();
    LoadPlan plan = s.plan();
    SwitchOperator operator = new SwitchOperator(context.api(0), context.token());
    long span = plan.duration().toNanos() + plan.drain().toNanos() + herd.deadline().toNanos();
    HerdTally[] tally = new HerdTally[1];
    boolean backoff = !name.equals("naive");
    RetryBudget budget = name.equals("backoff")
        ? new RetryBudget(herd.budgetRatio(), herd.budgetMinPerSecond(), herd.budgetWindow(), System::nanoTime)
        : null;
    RetryPolicy policy = backoff
        ? new FullJitterBackoff(herd.backoffBase().toMillis(), herd.backoffCap().toMillis(), herd.backoffMaxAttempts(),
            () -> ThreadLocalRandom.current().nextLong())
        : new ImmediateRetry(herd.naiveMaxAttempts());
    boolean honourRetryAfter = backoff && herd.honourRetryAfter();
    long deadline = herd.deadline().toNanos();

    Retrier retrier = new Retrier() {
      @Override
      public OptionalLong retryAfterNanos(int attempt, Answer answer) {
        return retryAfterNanos(attempt, answer, System.nanoTime());
      }

      @Override
      public OptionalLong retryAfterNanos(int attempt, Answer answer, long firstIntendedNanos) {
        if (!retryable(answer)) {
          return giveUp("not-retryable");
        }
        OptionalLong delayMillis = policy.delayBeforeRetry(attempt);
        if (delayMillis.isEmpty()) {
          return giveUp("max-attempts");
        }
        long delay = TimeUnit.MILLISECONDS.toNanos(delayMillis.getAsLong());
        if (honourRetryAfter) {
          delay = Math.max(delay, retryAfterHeaderNanos(answer));
        }
        if (System.nanoTime() + delay - firstIntendedNanos > deadline) {
          return giveUp("deadline");
        }
        if (budget != null && !budget.tryRetry()) {
          return giveUp("budget");
        }
        return OptionalLong.of(delay);
      }

      private OptionalLong giveUp(String reason) {
        tally[0].gaveUp(reason);
        return OptionalLong.empty();
      }
    };
    WorkloadRequests requests = context.requests(name);
    RequestSource arrivals = random -> {
      if (budget != null) {
        budget.onRequest(); // every new request earns retry credit; retries do not
      }
      tally[0].arrived();
      return requests.next(random);
    };
    AnswerListener listener = new AnswerListener() {
      @Override
      public void onAnswer(PlannedRequest request, int target, Answer answer) {
      }

      @Override
      public void onAttempt(PlannedRequest request, int target, int attempt, long intendedNanos, Answer answer) {
        tally[0].tried(attempt, intendedNanos, answer);
      }

      @Override
      public void onRequestDone(PlannedRequest request, int target, long firstIntendedNanos, int attempts, Answer answer) {
        tally[0].finished(firstIntendedNanos, answer);
      }
    };
    long engageAt = herd.engageAt().toNanos();
    long hold = herd.hold().toNanos();
    long[] startNanos = new long[1];
    RunResult run = context.load(name, plan, arrivals, retrier, listener, (LoadRun started) -> {
      startNanos[0] = System.nanoTime();
      tally[0] = new HerdTally(startNanos[0], herd.bucket().toNanos(), span);
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
    return tally[0].figures(name, plan.profile().rateAt(0), herd.settle().toNanos(), operator.engageSentNanos,
        operator.releaseSentNanos, startNanos[0] + plan.duration().toNanos(), herd.recoveredWindow().toNanos(),
        herd.recoveredShare(), run.unanswered());
  }

  /** Refusals, overload, server errors and lost answers are worth another try; other 4xx are not. */
  private static boolean retryable(Answer answer) {
    return answer.status() == 0 || answer.status() == 429 || answer.status() >= 500;
  }

  /** The answer's Retry-After in nanoseconds (delta-seconds form only), 0 without one. */
  private static long retryAfterHeaderNanos(Answer answer) {
    String header = answer.retryAfter();
    if (header == null) {
      return 0;
    }
    try {
      long seconds = Long.parseLong(header.trim());
      return TimeUnit.SECONDS.toNanos(Math.max(0, Math.min(seconds, MAX_RETRY_AFTER_SECONDS)));
    } catch (NumberFormatException httpDate) {
      return 0;
    }
  }
}
