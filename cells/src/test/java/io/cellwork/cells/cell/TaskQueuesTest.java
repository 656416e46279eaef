package io.cellwork.cells.cell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellwork.cells.task.Priority;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskQueuesTest {
  private static final PriorityLimits LIMITS =
      new PriorityLimits(
          Map.of(Priority.CRITICAL, 1000, Priority.NORMAL, 1000, Priority.SHEDDABLE, 3),
          Map.of(Priority.CRITICAL, 6, Priority.NORMAL, 3, Priority.SHEDDABLE, 1));

  @Test
  void boundedPerPriority() {
    TaskQueues<String> queues = new TaskQueues<>(LIMITS);
    for (int i = 0; i < 3; i++) {
      assertTrue(queues.offer(Priority.SHEDDABLE, "s" + i));
    }
    assertFalse(queues.offer(Priority.SHEDDABLE, "s3"));
    assertTrue(queues.offer(Priority.CRITICAL, "c0"));
    assertEquals(4, queues.size());
  }

  @Test
  void saturatedQueuesAreDrainedExactlyByWeight() {
    TaskQueues<Priority> queues = new TaskQueues<>(LIMITS);
    for (int i = 0; i < 600; i++) {
      queues.offer(Priority.CRITICAL, Priority.CRITICAL);
      queues.offer(Priority.NORMAL, Priority.NORMAL);
    }
    queues.enqueue(Priority.SHEDDABLE, Priority.SHEDDABLE);
    // with sheddable work always present (re-filled), every 10 dequeues are 6:3:1
    Map<Priority, Integer> counts = new EnumMap<>(Priority.class);
    for (int i = 0; i < 500; i++) {
      Priority next = queues.poll();
      counts.merge(next, 1, Integer::sum);
      if (next == Priority.SHEDDABLE) {
        queues.enqueue(Priority.SHEDDABLE, Priority.SHEDDABLE);
      }
    }
    assertEquals(300, counts.get(Priority.CRITICAL));
    assertEquals(150, counts.get(Priority.NORMAL));
    assertEquals(50, counts.get(Priority.SHEDDABLE));
  }

  @Test
  void aLonePriorityGetsEverySlot() {
    TaskQueues<String> queues = new TaskQueues<>(LIMITS);
    queues.offer(Priority.SHEDDABLE, "a");
    queues.offer(Priority.SHEDDABLE, "b");
    assertEquals("a", queues.poll());
    assertEquals("b", queues.poll());
    assertNull(queues.poll());
  }

  @Test
  void fifoWithinAPriorityAndRemovalInQueueOrder() {
    TaskQueues<String> queues = new TaskQueues<>(LIMITS);
    for (String id : List.of("n1", "n2", "n3", "n4")) {
      queues.offer(Priority.NORMAL, id);
    }
    List<String> removed = new ArrayList<>();
    assertEquals(2, queues.removeIf(id -> id.equals("n2") || id.equals("n4"), removed::add));
    assertEquals(List.of("n2", "n4"), removed);
    assertEquals("n1", queues.poll());
    assertEquals("n3", queues.poll());
    assertEquals(0, queues.size());
  }
}
