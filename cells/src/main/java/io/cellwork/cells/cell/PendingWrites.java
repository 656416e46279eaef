package io.cellwork.cells.cell;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import io.cellwork.cells.task.TaskStatus;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Group commit for one cell: events decided while a journal write is in flight wait here and go
 * out together in the next write, each with the action (usually a reply) that must run only once
 * it is durable. That is what lets a cell persist many acceptances per round trip instead of one.
 *
 * <p>The cell decides on a working state that already includes these events. To avoid applying
 * every event twice (once to decide, once when the journal confirms), the transition computed at
 * decision time is remembered and handed back to the event handler when it is asked for the same
 * event on the same state: a memo of a pure function, so replay is unaffected. Not thread-safe:
 * owned by the cell actor.
 */
final class PendingWrites {
  private final ArrayList<CellEvent> events = new ArrayList<>();
  private final ArrayList<Consumer<CellState>> onPersisted = new ArrayList<>();
  private final IdentityHashMap<CellEvent, Transition> transitions = new IdentityHashMap<>();
  private boolean flushRequested;

  private record Transition(CellState before, CellState after) {}

  /**
   * One journal write: the events and, in order, what to do once they are stored. Actions get
   * the journaled state, so that what they report can no longer be undone by a crash.
   */
  record Batch(List<CellEvent> events, List<Consumer<CellState>> onPersisted) {
    void runActions(CellState journaled) {
      for (Consumer<CellState> action : onPersisted) {
        if (action != null) {
          action.accept(journaled);
        }
      }
    }
  }

  void add(CellEvent event, CellState before, CellState after, Consumer<CellState> afterPersisted) {
    events.add(event);
    onPersisted.add(afterPersisted);
    transitions.put(event, new Transition(before, after));
  }

  /** Runs {@code action} once everything pending now is durable. */
  void afterAllPending(Consumer<CellState> action) {
    int last = onPersisted.size() - 1;
    Consumer<CellState> existing = onPersisted.get(last);
    onPersisted.set(last, existing == null ? action : existing.andThen(action));
  }

  /**
   * If the last pending event is {@code taskId}'s acceptance, replaces it with one event that
   * also records the task's end, and returns the new working state; returns null otherwise. Work
   * that finishes at once (echo, fail, a duplicate) then costs one journal row, not two.
   */
  CellState mergeFinishIntoAcceptance(
      String taskId, TaskStatus status, Map<String, Object> result, String error, long at, Consumer<CellState> action) {
    int last = events.size() - 1;
    if (last < 0 || !(events.get(last) instanceof CellEvent.TaskAccepted accepted) || !accepted.task().id().equals(taskId)) {
      return null;
    }
    CellState before = transitions.remove(accepted).before();
    CellEvent merged = new CellEvent.TaskAcceptedAndFinished(accepted.task(), accepted.at(), status, result, error, at);
    CellState after = before.apply(merged);
    events.set(last, merged);
    transitions.put(merged, new Transition(before, after));
    Consumer<CellState> existing = onPersisted.get(last);
    onPersisted.set(last, existing == null ? action : existing.andThen(action));
    return after;
  }

  boolean isEmpty() {
    return events.isEmpty();
  }

  /** Marks a flush as requested; true when the caller must send the flush message. */
  boolean requestFlush() {
    if (flushRequested) {
      return false;
    }
    flushRequested = true;
    return true;
  }

  /** Takes up to {@code max} of the oldest pending events for one write. */
  Batch take(int max) {
    flushRequested = false;
    int n = Math.min(max, events.size());
    List<CellEvent> batchEvents = new ArrayList<>(events.subList(0, n));
    List<Consumer<CellState>> batchActions = new ArrayList<>(onPersisted.subList(0, n));
    events.subList(0, n).clear();
    onPersisted.subList(0, n).clear();
    return new Batch(batchEvents, batchActions);
  }

  /** The event handler: {@code state.apply(event)}, reusing the decision-time result when valid. */
  CellState apply(CellState state, CellEvent event) {
    Transition known = transitions.remove(event);
    if (known != null && known.before() == state) {
      return known.after();
    }
    return state.apply(event);
  }
}
