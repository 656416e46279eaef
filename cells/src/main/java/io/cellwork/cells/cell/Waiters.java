package io.cellwork.cells.cell;

import io.cellwork.cells.cell.Cell.SubmitReply;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;

/** Who asked to hear about a task's final status ({@code ?wait=true}). Owned by the cell actor. */
final class Waiters {
  private final Map<String, List<ActorRef<SubmitReply>>> byTask = new HashMap<>();

  void add(String taskId, ActorRef<SubmitReply> replyTo) {
    byTask.computeIfAbsent(taskId, id -> new ArrayList<>(1)).add(replyTo);
  }

  boolean isEmpty() {
    return byTask.isEmpty();
  }

  /** Removes and returns the waiters of {@code taskId}; empty when nobody waits. */
  List<ActorRef<SubmitReply>> remove(String taskId) {
    List<ActorRef<SubmitReply>> waiting = byTask.remove(taskId);
    return waiting == null ? List.of() : waiting;
  }
}
