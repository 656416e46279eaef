package io.cellwork.loaddriver.workload;

import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * Draws tasks from a {@link WorkloadSpec}: tenant (the celebrity with its share, otherwise by the
 * tenant distribution), key, task template, priority and durability, and an id unique within the
 * run. Thread-safe when each thread passes its own random source.
 */
public final class TaskSampler {
  private final WorkloadSpec spec;
  private final String idPrefix;
  private final AtomicLong sequence = new AtomicLong();

  public TaskSampler(WorkloadSpec spec, String idPrefix) {
    this.spec = spec;
    this.idPrefix = idPrefix;
  }

  public WorkloadSpec spec() {
    return spec;
  }

  public PlannedTask next(RandomGenerator random) {
    boolean celebrity = spec.celebrityShare() > 0 && random.nextDouble() < spec.celebrityShare();
    String tenant = celebrity ? spec.celebrityTenant() : spec.tenantPrefix() + spec.tenants().pick(random);
    String key = spec.keyPrefix() + spec.keys().pick(random);
    return new PlannedTask(idPrefix + sequence.incrementAndGet(), tenant, key, spec.tasks().pick(random),
        spec.priorities().pick(random), spec.durabilities().pick(random), celebrity);
  }
}
