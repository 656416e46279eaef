package io.cellwork.cells.cell;

import io.cellwork.cells.task.Priority;
import io.cellwork.intelligence.cost.CostFeatures;
import io.cellwork.intelligence.cost.TaskCostModel;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The tasks waiting in a cell, in their fair queues, together with the cost model's prediction
 * of how long each will run. The running sum of predictions is what a rejected client is told to
 * wait ({@code Retry-After}); the model learns from every measured service time. Not
 * thread-safe: owned by the cell actor.
 */
final class Backlog {
  private final TaskQueues<Entry> queues;
  private final TaskCostModel costModel = new TaskCostModel();
  private double predictedMillis;

  /** A queued task with the cost predicted for it. */
  private record Entry(Cell.Work work, double predictedMillis) {}

  Backlog(PriorityLimits limits) {
    this.queues = new TaskQueues<>(limits);
  }

  boolean hasRoom(Priority priority) {
    return queues.hasRoom(priority);
  }

  void add(Cell.Work work) {
    double predicted = costModel.predictMillis(work.features());
    queues.enqueue(work.task().spec().priority(), new Entry(work, predicted));
    predictedMillis += predicted;
  }

  /** The next task in weighted fair order, or null. */
  Cell.Work poll() {
    Entry next = queues.poll();
    if (next == null) {
      return null;
    }
    leave(next);
    return next.work();
  }

  void removeIf(Predicate<TaskRecord> condition, Consumer<TaskRecord> removed) {
    queues.removeIf(entry -> condition.test(entry.work().task()), entry -> {
      leave(entry);
      removed.accept(entry.work().task());
    });
  }

  void forEach(Consumer<TaskRecord> action) {
    queues.forEach(entry -> action.accept(entry.work().task()));
  }

  boolean isEmpty() {
    return queues.isEmpty();
  }

  int size() {
    return queues.size();
  }

  int size(Priority priority) {
    return queues.size(priority);
  }

  /** Predicted time for the whole backlog to run through {@code slots} parallel slots. */
  long drainMillis(int slots) {
    return (long) Math.ceil(predictedMillis / slots);
  }

  void observe(CostFeatures features, double measuredMillis) {
    costModel.learnMillis(features, measuredMillis);
  }

  private void leave(Entry entry) {
    predictedMillis = queues.isEmpty() ? 0 : Math.max(0, predictedMillis - entry.predictedMillis());
  }
}
