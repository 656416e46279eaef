package io.cellwork.loaddriver.scenario;

import io.cellwork.loaddriver.engine.AnswerListener;
import io.cellwork.loaddriver.engine.Retrier;
import io.cellwork.loaddriver.engine.RunResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The kill switch under load: the scenario's load runs against every target; at {@code
 * kill-switch.engage-at} a switch ({@code scope}, {@code mode}) is engaged through the API, and
 * released {@code hold} later. Per node: how long from the engage request until its first 503
 * (and its last success), and from the release request until its first success again. The check
 * holds when every node stopped and recovered.
 */
public final class KillSwitchRunner implements ScenarioRunner {

  /** Per node, what it did around the switch (milliseconds from the engage / release request; NaN: never). */
  public record NodeTiming(String node, double firstRefusalMs, double lastSuccessMs, double recoveredMs) {}

  @Override
  public ScenarioOutcome run(ScenarioContext context) {
    Scenario s = context.scenario();
    long engageAt = s.config().getDuration("kill-switch.engage-at").toNanos();
    long hold = s.config().getDuration("kill-switch.hold").toNanos();
    String scope = s.config().getString("kill-switch.scope");
    String mode = s.config().getString("kill-switch.mode");
    int nodes = s.targets().size();
    SwitchOperator operator = new SwitchOperator(context.api(0), context.token());
    AtomicLongArray firstRefusal = filled(nodes, Long.MAX_VALUE);
    AtomicLongArray lastSuccess = filled(nodes, Long.MIN_VALUE);
    AtomicLongArray firstRecovery = filled(nodes, Long.MAX_VALUE);

    context.warmUp();
    AnswerListener watch = (request, target, answer) -> {
      long engaged = operator.engageSentNanos;
      long released = operator.releaseSentNanos;
      long at = answer.doneNanos();
      if (engaged == 0 || at < engaged) {
        return;
      }
      if (released == 0 || at < released) {
        if (answer.status() == 503) {
          firstRefusal.accumulateAndGet(target, at, Math::min);
        } else if (answer.isSuccess()) {
          lastSuccess.accumulateAndGet(target, at, Math::max);
        }
      } else if (answer.isSuccess()) {
        firstRecovery.accumulateAndGet(target, at, Math::min);
      }
    };
    RunResult run = context.load(s.name(), s.plan(), context.requests("t"), Retrier.NEVER, watch, started -> {
      context.scheduler().schedule(() -> {
        operator.engage(scope, mode, "load driver: " + s.name() + " scenario");
        context.out().println("  >> switch " + operator.switchId() + " engaged (" + scope + ", " + mode + ")"
            + (operator.failure() == null ? "" : ": " + operator.failure()));
      }, engageAt, TimeUnit.NANOSECONDS);
      context.scheduler().schedule(() -> {
        operator.release();
        context.out().println("  >> switch " + operator.switchId() + " released");
      }, engageAt + hold, TimeUnit.NANOSECONDS);
    });
    if (operator.engaged() && !operator.released()) {
      operator.release();
    }

    List<NodeTiming> timings = new ArrayList<>();
    boolean holds = operator.engaged() && operator.released() && operator.failure() == null;
    for (int t = 0; t < nodes; t++) {
      NodeTiming timing = new NodeTiming(s.targets().get(t).url(),
          since(firstRefusal.get(t), Long.MAX_VALUE, operator.engageSentNanos),
          since(lastSuccess.get(t), Long.MIN_VALUE, operator.engageSentNanos),
          since(firstRecovery.get(t), Long.MAX_VALUE, operator.releaseSentNanos));
      timings.add(timing);
      holds &= !Double.isNaN(timing.firstRefusalMs()) && !Double.isNaN(timing.recoveredMs());
    }
    List<String> summary = new ArrayList<>();
    summary.add(String.format(Locale.ROOT, "Kill switch %s (%s, %s): engage call took %.1f ms, release call %.1f ms",
        operator.switchId(), scope, mode, (operator.engageReturnedNanos - operator.engageSentNanos) / 1e6,
        (operator.releaseReturnedNanos - operator.releaseSentNanos) / 1e6));
    for (NodeTiming t : timings) {
      summary.add(String.format(Locale.ROOT, "  %-24s first 503 %s after engage, last success %s,"
          + " first success %s after release", t.node(), millis(t.firstRefusalMs()), millis(t.lastSuccessMs()),
          millis(t.recoveredMs())));
    }
    if (operator.failure() != null) {
      summary.add("  " + operator.failure());
    }
    summary.add("  -> " + (holds ? "every node stopped and recovered" : "VIOLATED: a node did not stop or did not recover"));
    Map<String, Object> findings = new LinkedHashMap<>();
    findings.put("switchId", operator.switchId());
    findings.put("scope", scope);
    findings.put("mode", mode);
    findings.put("engageCallMs", (operator.engageReturnedNanos - operator.engageSentNanos) / 1e6);
    findings.put("nodes", timings);
    findings.put("ok", holds);
    return new ScenarioOutcome(List.of(run), findings, summary, holds, List.of());
  }

  private static AtomicLongArray filled(int n, long value) {
    AtomicLongArray a = new AtomicLongArray(n);
    for (int i = 0; i < n; i++) {
      a.set(i, value);
    }
    return a;
  }

  /** A time for the summary; "none" where nothing happened (no success after the engage request, say). */
  private static String millis(double ms) {
    return Double.isNaN(ms) ? String.format(Locale.ROOT, "%11s", "none") : String.format(Locale.ROOT, "%8.1f ms", ms);
  }

  private static double since(long at, long none, long from) {
    return at == none || from == 0 ? Double.NaN : (at - from) / 1e6;
  }
}
