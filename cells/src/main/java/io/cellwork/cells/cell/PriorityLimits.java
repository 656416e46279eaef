package io.cellwork.cells.cell;

import com.typesafe.config.Config;
import io.cellwork.cells.task.Priority;
import java.util.EnumMap;
import java.util.Map;

/** Queue capacity and fair-share weight of each priority, from {@code cellwork.cells.queues}. */
public record PriorityLimits(Map<Priority, Integer> capacities, Map<Priority, Integer> weights) {

  public PriorityLimits {
    capacities = Map.copyOf(capacities);
    weights = Map.copyOf(weights);
    for (Priority p : Priority.values()) {
      if (capacities.getOrDefault(p, 0) < 1) {
        throw new IllegalArgumentException("queue capacity of " + p.wireName() + " must be at least 1");
      }
      if (weights.getOrDefault(p, 0) < 1) {
        throw new IllegalArgumentException("queue weight of " + p.wireName() + " must be at least 1");
      }
    }
  }

  public static PriorityLimits fromConfig(Config queues) {
    Map<Priority, Integer> capacities = new EnumMap<>(Priority.class);
    Map<Priority, Integer> weights = new EnumMap<>(Priority.class);
    for (Priority p : Priority.values()) {
      Config queue = queues.getConfig(p.wireName());
      capacities.put(p, queue.getInt("capacity"));
      weights.put(p, queue.getInt("weight"));
    }
    return new PriorityLimits(capacities, weights);
  }

  public int capacity(Priority priority) {
    return capacities.get(priority);
  }

  public int weight(Priority priority) {
    return weights.get(priority);
  }

  /** The share of dequeues {@code priority} gets while every priority has work. */
  public double share(Priority priority) {
    int total = weights.values().stream().mapToInt(Integer::intValue).sum();
    return (double) weight(priority) / total;
  }
}
