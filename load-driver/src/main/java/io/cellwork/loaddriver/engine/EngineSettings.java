package io.cellwork.loaddriver.engine;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * How the engine talks to its targets.
 *
 * @param ioThreads event-loop threads ("lanes"); each owns its own connections to every target
 * @param connectionsPerTarget keep-alive connections to each target, spread over the lanes
 * @param requestTimeout how long an answer may take from sending before the request counts as timed out
 * @param connectTimeout how long a TCP connect may take
 * @param queueLimit requests a lane may hold waiting for a connection to one target; beyond it they fail
 *     at once as {@code queue_full} (bounds memory when a target stalls under open-loop load)
 */
public record EngineSettings(int ioThreads, int connectionsPerTarget, Duration requestTimeout, Duration connectTimeout,
    int queueLimit) {

  public EngineSettings {
    if (ioThreads < 1 || connectionsPerTarget < 1) {
      throw new IllegalArgumentException("io-threads and connections must be at least 1");
    }
    if (connectionsPerTarget < ioThreads) {
      ioThreads = connectionsPerTarget;
    }
  }

  /** Reads the {@code engine} block of a scenario. */
  public static EngineSettings create(Config engine) {
    return new EngineSettings(engine.getInt("io-threads"), engine.getInt("connections"),
        engine.getDuration("request-timeout"), engine.getDuration("connect-timeout"), engine.getInt("queue-limit"));
  }
}
