package io.cellwork.cells.metrics;

import io.cellwork.cells.task.Durability;
import io.cellwork.cells.task.Priority;
import io.cellwork.cells.task.TaskStatus;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.datapoints.GaugeDataPoint;
import java.util.EnumMap;
import java.util.Map;

/**
 * One cell's view of {@link CellMetrics}. Written by the cell actor, read by scrapes on other
 * threads (the data points are thread-safe). {@link #remove()} drops the cell's series when it
 * stops here, so a cell that moved to another node is not reported twice.
 */
public final class CellInstruments {
  private final CellMetrics metrics;
  private final String cell;
  private final Map<Durability, CounterDataPoint> accepted = new EnumMap<>(Durability.class);
  private final Map<Durability, DistributionDataPoint> latency = new EnumMap<>(Durability.class);
  private final Map<TaskStatus, CounterDataPoint> completed = new EnumMap<>(TaskStatus.class);
  private final Map<Priority, GaugeDataPoint> queueDepth = new EnumMap<>(Priority.class);
  private final CounterDataPoint expired;
  private final GaugeDataPoint inFlight;
  private final GaugeDataPoint smallQueued;
  private final GaugeDataPoint largeQueued;
  private final GaugeDataPoint largeRunning;

  CellInstruments(CellMetrics metrics, String cell) {
    this.metrics = metrics;
    this.cell = cell;
    for (Durability d : Durability.values()) {
      accepted.put(d, metrics.accepted.labelValues(cell, d.wireName()));
      latency.put(d, metrics.latency.labelValues(d.wireName()));
    }
    for (TaskStatus s : new TaskStatus[] {TaskStatus.DONE, TaskStatus.FAILED, TaskStatus.KILLED}) {
      completed.put(s, metrics.completed.labelValues(cell, s.wireName()));
    }
    for (Priority p : Priority.values()) {
      queueDepth.put(p, metrics.queueDepth.labelValues(cell, p.wireName()));
    }
    expired = metrics.expired.labelValues(cell);
    inFlight = metrics.inFlight.labelValues(cell);
    smallQueued = metrics.laneQueued.labelValues(cell, "small");
    largeQueued = metrics.laneQueued.labelValues(cell, "large");
    largeRunning = metrics.largeRunning.labelValues(cell);
  }

  public void accepted(Durability durability) {
    accepted.get(durability).inc();
  }

  public void rejected(String reason) {
    metrics.rejected.labelValues(cell, reason).inc();
  }

  /** A task reached a final status {@code latencyMillis} after it was accepted. */
  public void finished(TaskStatus status, Durability durability, long latencyMillis) {
    if (status == TaskStatus.EXPIRED) {
      expired.inc();
    } else {
      completed.get(status).inc();
    }
    latency.get(durability).observe(latencyMillis / 1000.0);
  }

  public void queueDepth(Priority priority, int depth) {
    queueDepth.get(priority).set(depth);
  }

  public void inFlight(int running) {
    inFlight.set(running);
  }

  /** What waits in each lane, and how many large tasks run. */
  public void lanes(int smallWaiting, int largeWaiting, int largeRunningNow) {
    smallQueued.set(smallWaiting);
    largeQueued.set(largeWaiting);
    largeRunning.set(largeRunningNow);
  }

  public void remove() {
    for (Durability d : Durability.values()) {
      metrics.accepted.remove(cell, d.wireName());
    }
    for (TaskStatus s : completed.keySet()) {
      metrics.completed.remove(cell, s.wireName());
    }
    for (Priority p : Priority.values()) {
      metrics.queueDepth.remove(cell, p.wireName());
    }
    metrics.expired.remove(cell);
    metrics.inFlight.remove(cell);
    metrics.laneQueued.remove(cell, "small");
    metrics.laneQueued.remove(cell, "large");
    metrics.largeRunning.remove(cell);
    metrics.rejected.removeIf(labels -> labels.get(0).equals(cell));
  }
}
