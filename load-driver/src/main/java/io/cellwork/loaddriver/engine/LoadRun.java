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
 * previous answer came, retrying through a {@link Retrier}). The calling thread wakes every
 * interval to hand the progress to {@code onInterval}, and returns the result once every request
 * is answered or the drain time ran out.
 */
public final class LoadRun {
  private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final double MIN_REPORTED_SECONDS = 0.2;

  private final String name;
  private final HttpEngine engine;
  private final LoadPlan plan;
  private final RequestSource source;
  private final Outcomes total;
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
  }

  /** Closed loop only: how clients retry failed requests (default: never). */
  public LoadRun retrying(Retrier how) {
    this.retrier = how;
    return this;
  }

  /** Hears every final answer (after retries), on the engine's threads: keep it short. */
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
          interval.getTotalCount() == 0 ? 0 : interval.getMaxValue() / 1000.0, (int) outstanding(), delta);
      // A last sliver after the drain with nothing in it would only add a zero point to the plots.
      boolean empty = sent == lastSent && ok == lastOk && errors == lastErrors;
      if (!(empty && seconds < MIN_REPORTED_SECONDS)) {
        timeline.add(row);
        onInterval.accept(row);
      }
      lastSent = sent;
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

  private void countAnswer(int lane, PlannedRequest request, int target, long intendedNanos, Answer answer) {
    long latency = answer.doneNanos() - intendedNanos;
    for (String group : request.groups()) {
      groups.get(group).answered(lane, latency, answer);
    }
    total.answered(lane, latency, answer);
    lastAnswerNanos.accumulate(answer.doneNanos());
    listener.onAnswer(request, target, answer);
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
      lane.send(new Exchange(target, request.method(), request.path(), request.body(), intended,
          answer -> countAnswer(index, request, target, intended, answer)));
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
      attempt(request, target, System.nanoTime(), 1);
    }

    private void attempt(PlannedRequest request, int target, long firstIntended, int attempt) {
      lane.send(new Exchange(target, request.method(), request.path(), request.body(), System.nanoTime(), answer -> {
        OptionalLong retry = answer.isSuccess() || stopped ? OptionalLong.empty() : retrier.retryAfterNanos(attempt, answer);
        if (retry.isPresent()) {
          lane.loop().schedule(() -> attempt(request, target, firstIntended, attempt + 1),
              retry.getAsLong(), TimeUnit.NANOSECONDS);
          return;
        }
        countAnswer(index, request, target, firstIntended, answer);
        long pause = answer.isSuccess() ? 0 : retrier.pauseAfterGivingUpNanos();
        if (pause > 0) {
          lane.loop().schedule(this::sendNext, pause, TimeUnit.NANOSECONDS);
        } else {
          sendNext();
        }
      }));
    }
  }
}
