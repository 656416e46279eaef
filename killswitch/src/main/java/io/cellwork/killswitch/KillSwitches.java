package io.cellwork.killswitch;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.cellwork.killswitch.replication.KillSwitchRegistry;
import io.cellwork.killswitch.replication.KillSwitchSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.ddata.ReplicatorSettings;
import org.apache.pekko.cluster.ddata.typed.javadsl.Replicator;

/** Starts the node's kill switches: a replicator of their own and the registry on top of it. */
public final class KillSwitches {
  private KillSwitches() {}

  /**
   * Starts replication and returns the registry; every view it agrees on is published on
   * {@code board}. The replicator is separate from the one Cluster Sharding uses, so switches
   * get their own fast notification and durable storage without touching sharding's settings.
   */
  public static ActorRef<KillSwitchRegistry.Command> start(ActorSystem<?> system, KillSwitchBoard board) {
    Config config = system.settings().config();
    KillSwitchSettings settings = KillSwitchSettings.fromConfig(config.getConfig("cellwork.killswitch"));
    String node = system.name() + "-" + system.address().getPort().map(String::valueOf).orElse("local");
    Config replicatorConfig = ConfigFactory.parseMap(Map.of(
            "notify-subscribers-interval", settings.notifyInterval().toMillis() + "ms",
            "gossip-interval", settings.gossipInterval().toMillis() + "ms",
            "durable.keys", List.of("killswitches", "killswitch-audit-log"),
            "durable.lmdb.dir", Path.of(settings.durableDir(), node).toString()))
        .withFallback(config.getConfig("pekko.cluster.distributed-data"));
    ActorRef<Replicator.Command> replicator = system.systemActorOf(
        Replicator.behavior(ReplicatorSettings.apply(replicatorConfig)), "killSwitchReplicator", Props.empty());
    return system.systemActorOf(
        KillSwitchRegistry.create(replicator, board, settings, Clock.systemUTC()), "killSwitchRegistry", Props.empty());
  }

  /**
   * Blocks the calling thread (node startup, never an actor) until the node's switches are loaded
   * from disk, so no cell starts and no request is served before the switches that would stop
   * them are known: fail closed at startup. Throws if they are not loaded in time.
   */
  public static void awaitLoaded(ActorSystem<?> system, ActorRef<KillSwitchRegistry.Command> registry) {
    Duration timeout = system.settings().config().getDuration("cellwork.killswitch.replication.load-timeout");
    try {
      AskPattern.ask(registry, KillSwitchRegistry.AwaitLoaded::new, timeout, system.scheduler())
          .toCompletableFuture().get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while loading the kill switches", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("kill switches not loaded within " + timeout + "; not starting work", e);
    }
  }
}
