package io.cellwork.killswitch.rate;

import com.typesafe.config.Config;
import io.cellwork.killswitch.KillSwitchBoard;
import io.cellwork.killswitch.replication.KillSwitchRegistry;
import java.time.Clock;
import java.time.Duration;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.SingletonActor;

/**
 * Starts rate kill switches on a node: the meter its edges count into, a reporter that sends the
 * counts on each interval, and (once per cluster) the governor that compares them with the
 * ceilings of {@code cellwork.killswitch.rate}.
 */
public final class RateGovernance {
  private RateGovernance() {}

  /** Returns the meter to count into, e.g. {@code meter.record("tenant:acme")} per submission. */
  public static RateMeter start(ActorSystem<?> system, KillSwitchBoard board, ActorRef<KillSwitchRegistry.Command> switches) {
    Config rate = system.settings().config().getConfig("cellwork.killswitch.rate");
    Duration interval = rate.getDuration("interval");
    ActorRef<RateGovernor.Command> governor = ClusterSingleton.get(system).init(SingletonActor.of(
        RateGovernor.create(RateCeiling.listFromConfig(rate), interval, switches, board, Clock.systemUTC()),
        "rateGovernor"));
    RateMeter meter = new RateMeter();
    String node = system.address().getHost().orElse("local") + ":" + system.address().getPort().map(String::valueOf).orElse("0");
    system.systemActorOf(RateReporter.create(meter, node, interval, governor, Clock.systemUTC()), "rateReporter", Props.empty());
    return meter;
  }
}
