package io.cellwork.cells.cell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.cellwork.cells.task.Durability;
import io.cellwork.cells.task.Priority;
import io.cellwork.cells.task.TaskSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RecentTasksTest {

  @Test
  void remembersTheLastCapacityTasksAndForgetsTheOldest() {
    RecentTasks recent = new RecentTasks(3);
    for (String id : new String[] {"a", "b", "c", "d"}) {
      recent.put(record(id));
    }
    assertNull(recent.get("a"));
    assertEquals("d", recent.get("d").id());
    assertEquals(3, recent.size());
  }

  @Test
  void behavesLikeAnInsertionOrderedMapUnderRandomUse() {
    // A small id space forces evictions and long probe runs (backward shifts); as in the cell,
    // an id is only remembered again once it has been forgotten.
    Random random = new Random(11);
    for (int capacity : new int[] {1, 2, 7, 64}) {
      RecentTasks recent = new RecentTasks(capacity);
      Map<String, TaskRecord> model = new LinkedHashMap<>();
      for (int step = 0; step < 20_000; step++) {
        String id = "t" + random.nextInt(capacity * 3);
        if (random.nextBoolean() && !model.containsKey(id)) {
          TaskRecord record = record(id);
          recent.put(record);
          model.put(id, record);
          if (model.size() > capacity) {
            model.remove(model.keySet().iterator().next());
          }
        }
        for (int probe = 0; probe < capacity * 3; probe++) {
          assertSame(model.get("t" + probe), recent.get("t" + probe), "capacity " + capacity + ", step " + step);
        }
      }
    }
  }

  private static TaskRecord record(String id) {
    return TaskRecord.accepted(new TaskSpec(id, "t", "k", "echo", Priority.NORMAL, Durability.TRANSIENT, Map.of(), 0), 0);
  }
}
