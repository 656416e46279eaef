package io.cellwork.cells.cell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.cellwork.cells.task.Durability;
import io.cellwork.cells.task.Priority;
import io.cellwork.cells.task.TaskSpec;
import io.cellwork.cells.task.TaskStatus;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cell's durable state as a pure function of its events. */
class CellStateTest {

  @Test
  void retentionKeepsAtMostTheConfiguredNumberOfFinishedTasks() {
    CellState state = CellState.EMPTY;
    for (int i = 0; i < 100; i++) {
      state = state.apply(new CellEvent.TaskAcceptedAndFinished(task("t" + i), i, TaskStatus.DONE, Map.of(), null, i));
    }
    state = state.apply(new CellEvent.TaskAccepted(task("open"), 100));
    long cutoff = state.cutoffKeeping(40);
    assertEquals(60, cutoff);
    CellState swept = state.apply(new CellEvent.RetentionSwept(cutoff));
    assertEquals(41, swept.tasks().size(), "the 40 newest finished tasks and the open one");
    assertNull(swept.task("t59"));
    assertNotNull(swept.task("t60"));
    assertNotNull(swept.task("open"), "open tasks are never forgotten");
    assertEquals(Long.MIN_VALUE, swept.cutoffKeeping(40));
    assertFalse(swept.hasFinishedBefore(60));
  }

  @Test
  void replayingTheSameEventsBuildsEqualState() {
    CellEvent[] events = {
      new CellEvent.TaskAccepted(task("a"), 1),
      new CellEvent.TaskAcceptedAndFinished(task("b"), 2, TaskStatus.FAILED, Map.of(), "boom", 3),
      new CellEvent.TaskFinished("a", TaskStatus.DONE, Map.of("x", 1L), null, 4),
      new CellEvent.RetentionSwept(4)
    };
    CellState once = CellState.EMPTY;
    CellState twice = CellState.EMPTY;
    for (CellEvent event : events) {
      once = once.apply(event);
      twice = twice.apply(event);
    }
    assertEquals(once, twice);
    assertEquals(TaskStatus.DONE, once.task("a").status());
    assertNull(once.task("b"), "finished at 3, before the cutoff");
    assertEquals(TaskStatus.DONE, once.task("a").status(), "finished at 4, not before the cutoff");
  }

  private static TaskSpec task(String id) {
    return new TaskSpec(id, "acme", "k", "echo", Priority.NORMAL, Durability.DURABLE, Map.of(), 0);
  }
}
