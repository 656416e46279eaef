package io.cellwork.cells.cell;

import com.typesafe.config.Config;
import java.time.Duration;
import org.apache.pekko.actor.typed.ActorSystem;

/** {@code cellwork.cells.cell}: how one cell admits, schedules, persists and forgets work. */
public record CellSettings(
    int maxInFlight,
    PriorityLimits queues,
    LaneSettings lanes,
    Duration retryAfterMin,
    Duration retryAfterMax,
    Duration idempotencyRetention,
    int finishedTasksRetained,
    Duration retentionSweepInterval,
    int transientTasksRetained,
    Duration deadlineSweepInterval,
    Duration metricsPublishInterval,
    int maxEventsPerWrite,
    int snapshotEveryEvents,
    int snapshotsKept,
    Duration restartBackoffMin,
    Duration restartBackoffMax,
    Duration transferRetryInterval,
    Duration transferRetryIntervalMax,
    String journalPluginId,
    String snapshotPluginId) {

  public CellSettings {
    requirePositive(maxInFlight, "max-in-flight");
    requirePositive(transientTasksRetained, "transient-tasks-retained");
    requirePositive(finishedTasksRetained, "finished-tasks-retained");
    requirePositive(maxEventsPerWrite, "max-events-per-write");
    requirePositive(snapshotEveryEvents, "snapshot-every-events");
    requirePositive(snapshotsKept, "snapshots-kept");
    if (retryAfterMax.compareTo(retryAfterMin) < 0) {
      throw new IllegalArgumentException("retry-after.max must not be below retry-after.min");
    }
  }

  public static CellSettings create(ActorSystem<?> system) {
    return fromConfig(system.settings().config().getConfig("cellwork.cells.cell"));
  }

  public static CellSettings fromConfig(Config c) {
    return new CellSettings(
        c.getInt("max-in-flight"),
        PriorityLimits.fromConfig(c.getConfig("queues")),
        LaneSettings.fromConfig(c.getConfig("lanes")),
        c.getDuration("retry-after.min"),
        c.getDuration("retry-after.max"),
        c.getDuration("idempotency-retention"),
        c.getInt("finished-tasks-retained"),
        c.getDuration("retention-sweep-interval"),
        c.getInt("transient-tasks-retained"),
        c.getDuration("deadline-sweep-interval"),
        c.getDuration("metrics-publish-interval"),
        c.getInt("max-events-per-write"),
        c.getInt("snapshot-every-events"),
        c.getInt("snapshots-kept"),
        c.getDuration("restart-backoff.min"),
        c.getDuration("restart-backoff.max"),
        c.getDuration("transfer.retry-interval"),
        c.getDuration("transfer.retry-interval-max"),
        c.getString("journal-plugin-id"),
        c.getString("snapshot-plugin-id"));
  }

  private static void requirePositive(int value, String name) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, was " + value);
    }
  }
}
