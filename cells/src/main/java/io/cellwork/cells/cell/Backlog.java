package io.cellwork.cells.cell;

import io.cellwork.cells.task.Priority;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The tasks waiting in a cell, in two lanes chosen by predicted cost, each holding weighted fair
 * queues per priority. The large lane may hold at most {@link LaneSettings#largeSlots} of the
 * cell's slots at once, so the small lane always has slots of its own: a burst of huge tasks
 * cannot block small ones behind it (head-of-line blocking). While both lanes can start work they
 * take turns. Admission stays per priority across both lanes (same capacities as before), and the
 * running sum of predictions is what a rejected client is told to wait ({@code Retry-After}).
 *
 * <p>O(priorities) per operation. Not thread-safe: owned by the cell actor.
 */
final class Backlog {
  /** Where a task waits and which slots it may run in. */
  enum Lane { SMALL, LARGE }

  private final PriorityLimits limits;
  private final double largeAboveMillis;
  private final int maxInFlight;
  private final int largeSlots;
  private final TaskQueues<Cell.Work> small;
  private final TaskQueues<Cell.Work> large;
  private int largeRunning;
  private Lane turn = Lane.SMALL;
  private double predictedMillis;

  Backlog(PriorityLimits limits, LaneSettings lanes, int maxInFlight) {
    this.limits = limits;
    this.largeAboveMillis = lanes.largeAboveMillis();
    this.maxInFlight = maxInFlight;
    this.largeSlots = lanes.largeSlots(maxInFlight);
    this.small = new TaskQueues<>(limits);
    this.large = new TaskQueues<>(limits);
  }

  Lane laneFor(double predictedMillis) {
    return predictedMillis > largeAboveMillis ? Lane.LARGE : Lane.SMALL;
  }

  boolean hasRoom(Priority priority) {
    return size(priority) < limits.capacity(priority);
  }

  void add(Cell.Work work) {
    queue(work.lane()).enqueue(work.task().spec().priority(), work);
    predictedMillis += work.cost().value();
  }

  /** Whether {@code work} may start at once: nothing waits ahead of it in its lane and a slot is free. */
  boolean mayStartNow(Cell.Work work, int inFlight) {
    return queue(work.lane()).isEmpty() && slotFree(work.lane(), inFlight);
  }

  /** Whether some queued task could start with {@code inFlight} tasks running. */
  boolean hasStartable(int inFlight) {
    return (!small.isEmpty() && slotFree(Lane.SMALL, inFlight)) || (!large.isEmpty() && slotFree(Lane.LARGE, inFlight));
  }

  /** The next task that may start, in weighted fair order within its lane, lanes taking turns; or null. */
  Cell.Work poll(int inFlight) {
    boolean smallReady = !small.isEmpty() && slotFree(Lane.SMALL, inFlight);
    boolean largeReady = !large.isEmpty() && slotFree(Lane.LARGE, inFlight);
    Lane lane;
    if (smallReady && largeReady) {
      lane = turn;
    } else if (smallReady) {
      lane = Lane.SMALL;
    } else if (largeReady) {
      lane = Lane.LARGE;
    } else {
      return null;
    }
    turn = lane == Lane.SMALL ? Lane.LARGE : Lane.SMALL;
    Cell.Work next = queue(lane).poll();
    leave(next);
    return next;
  }

  /** A task of {@code lane} now holds a slot until {@link #stopped}. */
  void started(Lane lane) {
    if (lane == Lane.LARGE) {
      largeRunning++;
    }
  }

  void stopped(Lane lane) {
    if (lane == Lane.LARGE) {
      largeRunning--;
    }
  }

  void removeIf(Predicate<TaskRecord> condition, Consumer<TaskRecord> removed) {
    for (TaskQueues<Cell.Work> queue : List.of(small, large)) {
      queue.removeIf(work -> condition.test(work.task()), work -> {
        leave(work);
        removed.accept(work.task());
      });
    }
  }

  void forEach(Consumer<TaskRecord> action) {
    small.forEach(work -> action.accept(work.task()));
    large.forEach(work -> action.accept(work.task()));
  }

  boolean isEmpty() {
    return small.isEmpty() && large.isEmpty();
  }

  int size() {
    return small.size() + large.size();
  }

  int size(Priority priority) {
    return small.size(priority) + large.size(priority);
  }

  int size(Lane lane) {
    return queue(lane).size();
  }

  int largeRunning() {
    return largeRunning;
  }

  /** Predicted time for the whole backlog to run through {@code slots} parallel slots. */
  long drainMillis(int slots) {
    return (long) Math.ceil(predictedMillis / slots);
  }

  private boolean slotFree(Lane lane, int inFlight) {
    return inFlight < maxInFlight && (lane == Lane.SMALL || largeRunning < largeSlots);
  }

  private TaskQueues<Cell.Work> queue(Lane lane) {
    return lane == Lane.SMALL ? small : large;
  }

  private void leave(Cell.Work work) {
    predictedMillis = isEmpty() ? 0 : Math.max(0, predictedMillis - work.cost().value());
  }
}
