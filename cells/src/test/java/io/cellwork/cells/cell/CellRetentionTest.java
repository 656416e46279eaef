package io.cellwork.cells.cell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.cellwork.cells.task.Durability;
import io.cellwork.cells.task.Priority;
import io.cellwork.cells.task.TaskSpec;
import io.cellwork.cells.task.TaskStatus;
import io.cellwork.cells.testing.SpawnedCells;
import io.cellwork.cells.testing.TestConfigs;
import io.cellwork.cells.work.WorkKinds;
import java.time.Duration;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.apache.pekko.persistence.testkit.javadsl.SnapshotTestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** How long a cell remembers, and how it comes back quickly: retention and snapshots. */
@ExtendWith(TestKitJUnit5Extension.class)
@ExtendWith(LogCapturingExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CellRetentionTest {
  private static final String PID = "Cell|0";

  @JUnit5TestKit
  final ActorTestKit testKit = new JUnit5TestKitBuilder()
      .withCustomConfig(TestConfigs.inMemoryJournal(ConfigFactory.parseString("""
          cellwork.cells.cell {
            idempotency-retention = 300ms
            retention-sweep-interval = 50ms
            snapshot-every-events = 10
          }
          """)))
      .build();

  private SpawnedCells cells;

  @BeforeEach
  void start() {
    PersistenceTestKit.create(testKit.system()).clearAll();
    SnapshotTestKit.create(testKit.system()).clearAll();
    cells = new SpawnedCells(testKit, 1, WorkKinds.builtIn());
  }

  @AfterEach
  void stop() {
    testKit.stop(cells.ref(0));
  }

  @Test
  void afterTheRetentionWindowAnIdIsNewAgain() {
    TaskSpec task = echo("once-upon-a-time");
    assertFalse(submit(task).replay());
    assertTrue(submit(task).replay(), "within the window the id is known");
    TestProbe<Cell.TaskLookup> probe = testKit.createTestProbe();
    probe.awaitAssert(Duration.ofSeconds(5), Duration.ofMillis(50), () -> {
      cells.ref(0).tell(new Cell.GetTask(task.id(), probe.getRef()));
      assertNull(probe.receiveMessage().task(), "swept after the retention window");
      return null;
    });
    assertFalse(submit(task).replay(), "accepted as a new task");
  }

  @Test
  void snapshotsAreTakenAndARestartRecoversFromThem() {
    for (int i = 0; i < 25; i++) {
      assertEquals(TaskStatus.DONE, submit(echo("t" + i)).task().status());
    }
    SnapshotTestKit snapshots = SnapshotTestKit.create(testKit.system());
    CellSnapshot snapshot = snapshots.expectNextPersistedClass(PID, CellSnapshot.class);
    assertEquals(10, snapshot.tasks().size(), "taken after the tenth event");
    cells.restart(0);
    for (int i = 0; i < 25; i++) {
      assertTrue(submit(echo("t" + i)).replay(), "t" + i + " is remembered after recovery");
    }
  }

  private static TaskSpec echo(String id) {
    return new TaskSpec(id, "acme", "k", "echo", Priority.NORMAL, Durability.DURABLE, Map.of(), 0);
  }

  private Cell.Accepted submit(TaskSpec task) {
    TestProbe<Cell.SubmitReply> probe = testKit.createTestProbe();
    cells.ref(0).tell(new Cell.Submit(task, true, probe.getRef()));
    return assertInstanceOf(Cell.Accepted.class, probe.receiveMessage());
  }
}
