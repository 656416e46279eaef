package io.cellwork.cells.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The data plane's Prometheus series on one node. Cells that live on this node write to them
 * through a {@link CellInstruments} each; {@code /metrics} reads them. The series are the
 * Prometheus client's own lock-free adders, so writers never wait for a scrape. Exemplars are
 * off: without tracing they carry nothing, and sampling them cost more than the count itself.
 */
public final class CellMetrics {
  /** Seconds: from 1 ms to about 30 s, with fine steps where tasks usually finish. */
  private static final double[] LATENCY_BUCKETS = {
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30
  };

  final Counter accepted;
  final Counter completed;
  final Counter rejected;
  final Counter expired;
  final Gauge queueDepth;
  final Gauge inFlight;
  final Gauge laneQueued;
  final Gauge largeRunning;
  final Histogram latency;

  private CellMetrics(PrometheusRegistry registry) {
    accepted =
        Counter.builder()
            .name("cellwork_tasks_accepted_total")
            .help("Tasks a cell accepted, by durability")
            .labelNames("cell", "durability")
            .withoutExemplars()
            .register(registry);
    completed =
        Counter.builder()
            .name("cellwork_tasks_completed_total")
            .help("Tasks that ended after running (done, failed or killed)")
            .labelNames("cell", "status")
            .withoutExemplars()
            .register(registry);
    rejected =
        Counter.builder()
            .name("cellwork_tasks_rejected_total")
            .help("Submissions a cell turned away, by reason")
            .labelNames("cell", "reason")
            .withoutExemplars()
            .register(registry);
    expired =
        Counter.builder()
            .name("cellwork_tasks_expired_total")
            .help("Tasks whose deadline passed before they could start")
            .labelNames("cell")
            .withoutExemplars()
            .register(registry);
    queueDepth =
        Gauge.builder()
            .name("cellwork_cell_queue_depth")
            .help("Tasks waiting in a cell, by priority")
            .labelNames("cell", "priority")
            .register(registry);
    inFlight =
        Gauge.builder()
            .name("cellwork_cell_in_flight")
            .help("Tasks a cell is running right now")
            .labelNames("cell")
            .register(registry);
    laneQueued =
        Gauge.builder()
            .name("cellwork_cell_lane_queued")
            .help("Tasks waiting in a cell, by lane (small or large, by predicted cost)")
            .labelNames("cell", "lane")
            .register(registry);
    largeRunning =
        Gauge.builder()
            .name("cellwork_cell_large_running")
            .help("Tasks of a cell's large lane running right now (capped at its share of the slots)")
            .labelNames("cell")
            .register(registry);
    latency =
        Histogram.builder()
            .name("cellwork_task_latency_seconds")
            .help("Time from acceptance to the final status")
            .classicOnly()
            .classicUpperBounds(LATENCY_BUCKETS)
            .labelNames("durability")
            .withoutExemplars()
            .register(registry);
  }

  public static CellMetrics register(PrometheusRegistry registry) {
    return new CellMetrics(registry);
  }

  /** Handles for one cell, resolved once so the hot path does no label lookups. */
  public CellInstruments forCell(int cell) {
    return new CellInstruments(this, Integer.toString(cell));
  }
}
