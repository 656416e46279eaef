package io.cellwork.cells.cell;

import io.cellwork.cells.task.Priority;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Bounded FIFO queues, one per priority, drained by smooth weighted round robin: whenever several
 * priorities have work, each gets dequeues in proportion to its weight, so a flood of critical
 * work slows sheddable work down but never starves it.
 *
 * <p>Each {@link #poll()} adds every non-empty queue's weight to its credit, takes from the queue
 * with the most credit and charges it the total weight of the non-empty queues (the nginx
 * algorithm: exact shares over every window of sum-of-weights dequeues, and interleaved rather
 * than in bursts). O(priorities) per operation. Not thread-safe: owned by one cell actor.
 */
final class TaskQueues<T> {
  private static final Priority[] PRIORITIES = Priority.values();

  private final ArrayDeque<T>[] queues;
  private final int[] capacity;
  private final int[] weight;
  private final long[] credit;
  private int size;

  @SuppressWarnings("unchecked")
  TaskQueues(PriorityLimits limits) {
    queues = new ArrayDeque[PRIORITIES.length];
    capacity = new int[PRIORITIES.length];
    weight = new int[PRIORITIES.length];
    credit = new long[PRIORITIES.length];
    for (Priority p : PRIORITIES) {
      queues[p.ordinal()] = new ArrayDeque<>();
      capacity[p.ordinal()] = limits.capacity(p);
      weight[p.ordinal()] = limits.weight(p);
    }
  }

  /** Adds to the tail, or returns false when the priority's queue is at capacity. */
  boolean offer(Priority priority, T item) {
    if (queues[priority.ordinal()].size() >= capacity[priority.ordinal()]) {
      return false;
    }
    enqueue(priority, item);
    return true;
  }

  /** Adds regardless of capacity: for work the cell already promised, such as after recovery. */
  void enqueue(Priority priority, T item) {
    queues[priority.ordinal()].addLast(item);
    size++;
  }

  boolean hasRoom(Priority priority) {
    return queues[priority.ordinal()].size() < capacity[priority.ordinal()];
  }

  /** The next item by weighted fair order, or {@code null} when every queue is empty. */
  T poll() {
    if (size == 0) {
      return null;
    }
    long totalWeight = 0;
    int best = -1;
    for (int i = 0; i < queues.length; i++) {
      if (queues[i].isEmpty()) {
        credit[i] = 0; // an idle priority does not bank credit for a later burst
        continue;
      }
      credit[i] += weight[i];
      totalWeight += weight[i];
      if (best < 0 || credit[i] > credit[best]) {
        best = i;
      }
    }
    credit[best] -= totalWeight;
    size--;
    return queues[best].pollFirst();
  }

  int size() {
    return size;
  }

  int size(Priority priority) {
    return queues[priority.ordinal()].size();
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** Hands every queued item to {@code action}, in queue order, changing nothing. */
  void forEach(Consumer<T> action) {
    for (ArrayDeque<T> queue : queues) {
      queue.forEach(action);
    }
  }

  /** Removes every queued item matching {@code condition}, in queue order, handing each to {@code removed}. */
  int removeIf(Predicate<T> condition, Consumer<T> removed) {
    int count = 0;
    for (ArrayDeque<T> queue : queues) {
      for (Iterator<T> it = queue.iterator(); it.hasNext(); ) {
        T item = it.next();
        if (condition.test(item)) {
          it.remove();
          size--;
          count++;
          removed.accept(item);
        }
      }
    }
    return count;
  }
}
