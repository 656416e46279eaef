package io.cellwork.killswitch.rate;

import java.time.Clock;
import java.time.Duration;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/** Sends this node's {@link RateMeter} counts to the rate governor once per interval. */
public final class RateReporter {
  private enum Tick { INSTANCE }

  private RateReporter() {}

  public static Behavior<?> create(
      RateMeter meter, String node, Duration interval, ActorRef<RateGovernor.Command> governor, Clock clock) {
    return Behaviors.<Tick>withTimers(timers -> {
      timers.startTimerWithFixedDelay(Tick.INSTANCE, interval);
      long[] since = {clock.millis()};
      return Behaviors.receiveMessage(tick -> {
        long now = clock.millis();
        var counts = meter.drain();
        if (!counts.isEmpty()) {
          governor.tell(new RateGovernor.Report(node, now - since[0], java.util.Map.copyOf(counts)));
        }
        since[0] = now;
        return Behaviors.same();
      });
    });
  }
}
