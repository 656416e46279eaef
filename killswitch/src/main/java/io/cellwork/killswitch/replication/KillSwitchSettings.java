package io.cellwork.killswitch.replication;

import com.typesafe.config.Config;
import java.time.Duration;

/** {@code cellwork.killswitch}: how switches spread, persist, expire and are audited. */
public record KillSwitchSettings(
    boolean directWrite,
    boolean pushToPeers,
    Duration pushConfirmTimeout,
    Duration writeTimeout,
    Duration notifyInterval,
    Duration gossipInterval,
    String durableDir,
    Duration ttlSweepInterval,
    int auditRetained) {

  public static KillSwitchSettings fromConfig(Config killswitch) {
    Config replication = killswitch.getConfig("replication");
    return new KillSwitchSettings(
        replication.getBoolean("direct-write"),
        replication.getBoolean("push-to-peers"),
        replication.getDuration("push-confirm-timeout"),
        replication.getDuration("write-timeout"),
        replication.getDuration("notify-interval"),
        replication.getDuration("gossip-interval"),
        replication.getString("durable-dir"),
        killswitch.getDuration("ttl-sweep-interval"),
        killswitch.getInt("audit-retained"));
  }
}
