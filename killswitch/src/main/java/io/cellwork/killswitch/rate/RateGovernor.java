package io.cellwork.killswitch.rate;

import io.cellwork.killswitch.KillSwitchBoard;
import io.cellwork.killswitch.KillSwitchWire;
import io.cellwork.killswitch.Scope;
import io.cellwork.killswitch.replication.KillSwitchRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Rate kill switches: every node reports what it counted per scope each interval; this cluster
 * singleton adds the reports up (one view of the whole cluster) and engages a switch for a
 * cooling-down period on any scope past its ceiling, with a reason such as {@code rate 5400/s >
 * 5000/s}. It is itself an automation: an {@code automation:rate-governor} switch stops it.
 */
public final class RateGovernor {
  public static final String AUTOMATION = "rate-governor";

  public sealed interface Command extends KillSwitchWire {}

  /** One node's counts over its last interval. */
  public record Report(String node, long windowMillis, Map<String, Long> counts) implements Command {}

  private enum Decide implements Command { INSTANCE }

  private RateGovernor() {}

  public static Behavior<Command> create(
      List<RateCeiling> ceilings, Duration interval, ActorRef<KillSwitchRegistry.Command> registry,
      KillSwitchBoard board, Clock clock) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      timers.startTimerWithFixedDelay(Decide.INSTANCE, interval);
      RateDecisions decisions = new RateDecisions(ceilings);
      Map<String, Report> latest = new HashMap<>();
      ActorRef<KillSwitchRegistry.Engaged> ignoreReply = ctx.getSystem().ignoreRef();
      return Behaviors.receive(Command.class)
          .onMessage(Report.class, report -> {
            latest.put(report.node(), report);
            return Behaviors.same();
          })
          .onMessageEquals(Decide.INSTANCE, () -> {
            Map<String, Double> rates = sum(latest.values());
            latest.clear(); // every report counts once
            long now = clock.millis();
            if (board.view().coveringAutomation(AUTOMATION, now) != null) {
              return Behaviors.same(); // stopped by an operator
            }
            for (RateDecisions.Engagement e : decisions.decide(rates, now)) {
              ctx.getLog().warn("rate governor engages {}: {}", e.scope(), e.reason());
              registry.tell(new KillSwitchRegistry.Engage(Scope.parse(e.scope()), e.ceiling().mode(), e.reason(),
                  "automation:" + AUTOMATION, e.ceiling().coolDown().toSeconds(), ignoreReply));
            }
            return Behaviors.same();
          })
          .build();
    }));
  }

  private static Map<String, Double> sum(Iterable<Report> reports) {
    Map<String, Double> rates = new HashMap<>();
    for (Report report : reports) {
      double seconds = Math.max(1, report.windowMillis()) / 1000.0;
      report.counts().forEach((scope, count) -> rates.merge(scope, count / seconds, Double::sum));
    }
    return rates;
  }
}
