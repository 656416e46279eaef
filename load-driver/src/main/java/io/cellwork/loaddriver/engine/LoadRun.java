package io.cellwork.loaddriver.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;

/**
 * One bounded run of load through an {@link HttpEngine}: open loop (a pacer per lane, on the lane's
 * own event loop, sends each request at its intended time; latency counts from that time, so a
 * slow server or an exhausted connection pool shows in the figures instead of slowing the
 * schedule) or closed loop ({@code concurrency} clients, each sending its next request when the
 * previous answer came). In both, a failed request may be sent again through a {@link Retrier}: a
 * retry is a re-send scheduled at now + delay on the request's lane, and the request counts once,
 * with its final answer and its latency from its first intended send (end to end); every try also
 * counts in the {@value #ATTEMPTS_GROUP} group (latency from that try's own scheduled send), which
 * the result carries only when some request was retried. The calling thread wakes every interval
 * to hand the progress to {@code onInterval}, and returns the result once every request is
 * answered (after its retries) or the drain time ran out.
 */
public final class LoadRun {
  private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final double MIN_REPORTED_SECONDS = 0.2;
  /** The group that counts every try (first sends and retries) when requests were retried. */
  public static final String ATTEMPTS_GROUP = "attempts";

  private final String name;
  private final HttpEngine engine;
  private final LoadPlan plan;
  private final RequestSource source;
  private final Outcomes total;
  private final Outcomes attempts;
  private final Map<String, Outcomes> groups = new ConcurrentHashMap<>();
  private final Map<String, Integer> groupOrder = new ConcurrentHashMap<>();
  private final AtomicLong budget;
  private final AtomicInteger activeGenerators = new AtomicInteger();
  private final java.util.concurrent.atomic.LongAccumulator lastAnswerNanos =
      new java.util.concurrent.atomic.LongAccumulator(Math::max, Long.MIN_VALUE);
  private final boolean bounded;
  private volatile boolean stopped;
  private Retrier retrier = Retrier.NEVER;
  private AnswerListener listener = AnswerListener.NONE;
  private long startNanos;
  private long endNanos;

  public LoadRun(String name, HttpEngine engine, LoadPlan plan, RequestSource source) {
    this.name = name;
    this.engine = engine;
    this.plan = plan;
    this.source = source;
    this.budget = new AtomicLong(plan.maxRequests() > 0 ? plan.maxRequests() : Long.MAX_VALUE);
    this.bounded = plan.maxRequests() > 0;
    this.total = new Outcomes(engine.laneCount());
    this.attempts = new Outcomes(engine.laneCount());
  }

  /** How failed requests are retried, in either loop (default: never). */
  public LoadRun retrying(Retrier how) {
    this.retrier = how;
    return this;
  }

  /** Hears every try and every final answer (after retries), on the engine's threads: keep it short. */
  public LoadRun listening(AnswerListener onAnswer) {
    this.listener = onAnswer;
    return this;
  }

  /** Stops sending new requests (those outstanding still count); safe from any thread. */
  public void stop() {
    stopped = true;
  }

  /** Seconds since the run started (valid once {@link #run} was called). */
  public double elapsedSeconds() {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  public RunResult run(Consumer<Interval> onInterval) {
    startNanos = System.nanoTime();
    endNanos = plan.duration().isZero() ? Long.MAX_VALUE : startNanos + plan.duration().toNanos();
    lastAnswerNanos.accumulate(startNanos);
    int lanes = engine.laneCount();
    if (plan.openLoop()) {
      for (int i = 0; i < lanes; i++) {
        Pacer pacer = new Pacer(engine.lane(i), i, lanes);
        activeGenerators.incrementAndGet();
        engine.lane(i).loop().execute(pacer);
      }
    } else {
      for (int c = 0; c < plan.concurrency(); c++) {
        HttpEngine.Lane lane = engine.lane(c % lanes);
        Client client = new Client(lane, c % lanes, c);
        activeGenerators.incrementAndGet();
        lane.loop().execute(client::sendNext);
      }
    }

    List<Interval> timeline = new ArrayList<>();
    long lastSent = 0;
    long lastTries = 0;
    long lastOk = 0;
    long lastErrors = 0;
    Map<String, Long> lastErrorMap = Map.of();
    long tick = startNanos;
    long drainDeadline = Long.MAX_VALUE;
    while (true) {
      tick += INTERVAL_NANOS;
      long now = System.nanoTime();
      boolean generatorsDone = activeGenerators.get() == 0;
      boolean finished = generatorsDone && engine.inFlight() == 0 && outstanding() == 0;
      if (generatorsDone && drainDeadline == Long.MAX_VALUE) {
        drainDeadline = now + plan.drain().toNanos();
      }
      if (!finished && now < drainDeadline) {
        sleepUntil(Math.min(tick, drainDeadline), () -> activeGenerators.get() == 0 && outstanding() == 0);
      }
      now = System.nanoTime();
      Histogram interval = total.takeInterval();
      long sent = total.sentCount();
      long tries = attempts.sentCount();
      long ok = total.okCount();
      long errors = total.errorCount();
      Map<String, Long> errorMap = total.errors();
      double seconds = Math.max(1e-3, (now - (tick - INTERVAL_NANOS)) / 1e9);
      Map<String, Long> delta = new TreeMap<>();
      Map<String, Long> previous = lastErrorMap;
      errorMap.forEach((k, v) -> {
        long d = v - previous.getOrDefault(k, 0L);
        if (d > 0) {
          delta.put(k, d);
        }
      });
      Interval row = new Interval((now - startNanos) / 1e9, (sent - lastSent) / seconds, (ok - lastOk) / seconds,
          (errors - lastErrors) / seconds, millis(interval, 50), millis(interval, 90), millis(interval, 99),
          interval.getTotalCount() == 0 ? 0 : interval.getMaxValue() / 1000.0, (int) outstanding(), delta,
          (tries - lastTries) / seconds);
      // A last sliver after the drain is not a second's worth: its rates (two answers in 40 ms read
      // as 50/s) would mislead in the progress line and the plots. Its answers count in the totals.
      if (seconds >= MIN_REPORTED_SECONDS) {
        timeline.add(row);
        onInterval.accept(row);
      }
      lastSent = sent;
      lastTries = tries;
      lastOk = ok;
      lastErrors = errors;
      lastErrorMap = errorMap;
      tick = now;
      if ((activeGenerators.get() == 0 && outstanding() == 0) || now >= drainDeadline) {
        break;
      }
    }
    stopped = true;
    Map<String, Slice> groupSlices = new LinkedHashMap<>();
    groupOrder.entrySet().stream().sorted(Map.Entry.comparingByValue())
        .forEach(e -> groupSlices.put(e.getKey(), groups.get(e.getKey()).snapshot(e.getKey())));
    if (attempts.sentCount() > total.sentCount()) {
      groupSlices.put(ATTEMPTS_GROUP, attempts.snapshot(ATTEMPTS_GROUP));
    }
    Slice totalSlice = total.snapshot(name);
    long unanswered = outstanding();
    double elapsed = (Math.max(lastAnswerNanos.get(), startNanos + 1) - startNanos) / 1e9;
    return new RunResult(name, elapsed, totalSlice, unanswered, groupSlices, timeline);
  }

  private long outstanding() {
    long answered = total.okCount() + total.errorCount();
    return total.sentCount() - answered;
  }

  private static double millis(Histogram h, double percentile) {
    return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1000.0;
  }

  private static void sleepUntil(long deadline, java.util.function.BooleanSupplier done) {
    while (!done.getAsBoolean()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      java.util.concurrent.locks.LockSupport.parkNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(20)));
    }
  }

  private boolean takeBudget() {
    // Unbounded runs skip the shared counter: lanes would contend on it for every request.
    return !bounded || budget.getAndDecrement() > 0;
  }

  private void countSent(PlannedRequest request) {
    total.sent();
    for (String group : request.groups()) {
      groupOrder.putIfAbsent(group, groupOrder.size());
      groups.computeIfAbsent(group, g -> new Outcomes(engine.laneCount())).sent();
    }
  }

  private void countAnswer(int lane, PlannedRequest request, int target, long intendedNanos, int tries, Answer answer) {
    long latency = answer.doneNanos() - intendedNanos;
    for (String group : request.groups()) {
      groups.get(group).answered(lane, latency, answer);
    }
    total.answered(lane, latency, answer);
    lastAnswerNanos.accumulate(answer.doneNanos());
    listener.onRequestDone(request, target, intendedNanos, tries, answer);
  }

  /**
   * Sends try number {@code attempt} of a request (meant to go at {@code attemptIntended}) and, when
   * it fails and the retrier wants another, schedules the next try on the same lane; the final
   * answer counts once, end to end from {@code firstIntended}, then {@code afterFinal} gets it. Runs
   * only on {@code lane}'s loop.
   */
  private void attempt(HttpEngine.Lane lane, int laneIndex, PlannedRequest request, int target, long firstIntended,
      long attemptIntended, int attempt, Consumer<Answer> afterFinal) {
    attempts.sent();
    lane.send(new Exchange(target, request.method(), request.path(), request.body(), attemptIntended, answer -> {
      attempts.answered(laneIndex, answer.doneNanos() - attemptIntended, answer);
      listener.onAttempt(request, target, attempt, attemptIntended, answer);
      OptionalLong retry = answer.isSuccess() || stopped ? OptionalLong.empty()
          : retrier.retryAfterNanos(attempt, answer, firstIntended);
      if (retry.isPresent()) {
        long delay = retry.getAsLong();
        long next = System.nanoTime() + delay;
        Runnable again = () -> {
          if (stopped) { // the run is over: no more tries on an engine the next run may be using
            countAnswer(laneIndex, request, target, firstIntended, attempt, answer);
            afterFinal.accept(answer);
          } else {
            attempt(lane, laneIndex, request, target, firstIntended, next, attempt + 1, afterFinal);
          }
        };
        if (delay <= 0) {
          // Through the loop's task queue rather than a recursive call: an instant refusal retried
          // at once must not grow the stack.
          lane.loop().execute(again);
        } else {
          lane.loop().schedule(again, delay, TimeUnit.NANOSECONDS);
        }
        return;
      }
      countAnswer(laneIndex, request, target, firstIntended, attempt, answer);
      afterFinal.accept(answer);
    }));
  }

  /** Sends one lane's share of the open-loop schedule; runs only on that lane's loop. */
  private final class Pacer implements Runnable {
    private final HttpEngine.Lane lane;
    private final int index;
    private final int lanes;
    private final SplittableRandom random;
    private long next;
    private int targetCursor;

    Pacer(HttpEngine.Lane lane, int index, int lanes) {
      this.lane = lane;
      this.index = index;
      this.lanes = lanes;
      this.random = new SplittableRandom(System.nanoTime() + index);
      this.targetCursor = index;
      this.next = startNanos + gapNanos(startNanos) * index / lanes;
    }

    @Override
    public void run() {
      long now = System.nanoTime();
      while (next <= now) {
        if (stopped || next >= endNanos || !takeBudget()) {
          activeGenerators.decrementAndGet();
          return;
        }
        fire(next);
        next += gapNanos(next);
      }
      lane.loop().schedule(this, next - now, TimeUnit.NANOSECONDS);
    }

    private long gapNanos(long at) {
      double rate = plan.profile().rateAt((at - startNanos) / 1e9) / lanes;
      if (rate <= 0) {
        return TimeUnit.MILLISECONDS.toNanos(1);
      }
      double mean = 1e9 / rate;
      return Math.max(1, (long) (plan.poisson() ? -Math.log(1 - random.nextDouble()) * mean : mean));
    }

    private void fire(long intended) {
      PlannedRequest request = source.next(random);
      int target = targetCursor++ % engine.targets().size();
      countSent(request);
      attempt(lane, index, request, target, intended, intended, 1, answer -> { });
    }
  }

  /** One closed-loop client: next request when the last one is answered; confined to its lane. */
  private final class Client {
    private final HttpEngine.Lane lane;
    private final int index;
    private final SplittableRandom random;
    private int targetCursor;

    Client(HttpEngine.Lane lane, int laneIndex, int clientIndex) {
      this.lane = lane;
      this.index = laneIndex;
      int index = clientIndex;
      this.random = new SplittableRandom(System.nanoTime() + index);
      this.targetCursor = index;
    }

    void sendNext() {
      if (stopped || System.nanoTime() >= endNanos || !takeBudget()) {
        activeGenerators.decrementAndGet();
        return;
      }
      PlannedRequest request = source.next(random);
      int target = targetCursor++ % engine.targets().size();
      countSent(request);
      long now = System.nanoTime();
      attempt(lane, index, request, target, now, now, 1, answer -> {
        long pause = answer.isSuccess() ? 0 : retrier.pauseAfterGivingUpNanos();
        if (pause > 0) {
          lane.loop().schedule(this::sendNext, pause, TimeUnit.NANOSECONDS);
        } else {
          sendNext();
        }
      });
    }
  }
}
