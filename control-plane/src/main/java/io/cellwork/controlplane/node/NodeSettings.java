package io.cellwork.controlplane.node;

import com.typesafe.config.Config;
import java.time.Duration;

/** {@code cellwork.node}: how a node serves its HTTP API and reports on itself. */
public record NodeSettings(
    String httpHost,
    int httpPort,
    long maxBodyBytes,
    long drainBodyBytes,
    int maxBatchItems,
    Duration waitTimeout,
    Duration unbindDeadline,
    int membershipHistory) {

  public NodeSettings {
    if (maxBodyBytes < 1 || drainBodyBytes < maxBodyBytes) {
      throw new IllegalArgumentException("need 0 < http.max-body <= http.drain-body");
    }
  }

  public static NodeSettings fromConfig(Config node) {
    Config http = node.getConfig("http");
    return new NodeSettings(
        http.getString("host"),
        http.getInt("port"),
        http.getBytes("max-body"),
        http.getBytes("drain-body"),
        http.getInt("max-batch-items"),
        http.getDuration("wait-timeout"),
        http.getDuration("unbind-deadline"),
        node.getInt("membership-history"));
  }
}
