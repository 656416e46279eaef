package io.cellwork.cells.cell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.typesafe.config.ConfigFactory;
import io.cellwork.cells.cell.Cell.Accepted;
import io.cellwork.cells.cell.Cell.SubmitReply;
import io.cellwork.cells.task.Durability;
import io.cellwork.cells.task.Priority;
import io.cellwork.cells.task.TaskSpec;
import io.cellwork.cells.task.TaskStatus;
import io.cellwork.cells.testing.SpawnedCells;
import io.cellwork.cells.testing.TestConfigs;
import io.cellwork.cells.work.GateWork;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** Small and large lanes: a cell full of huge tasks still runs small ones (no head-of-line blocking). */
@ExtendWith(TestKitJUnit5Extension.class)
@ExtendWith(LogCapturingExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CellLanesTest {
  @JUnit5TestKit
  final ActorTestKit testKit =
      new JUnit5TestKitBuilder()
          .withCustomConfig(TestConfigs.inMemoryJournal(ConfigFactory.parseString("""
              cellwork.cells.cell {
                max-in-flight = 4
                lanes { large-above = 20ms, large-share = 0.5 }
              }
              """)))
          .build();

  private GateWork work;
  private SpawnedCells cells;

  @BeforeEach
  void startCell() {
    work = new GateWork();
    cells = new SpawnedCells(testKit, 1, work.kinds());
  }

  @AfterEach
  void stopCell() {
    // Stop the cell before the gate opens: work finishing now would be journaled by this
    // incarnation after the next test cleared the journal, and replayed into that test's cell.
    testKit.stop(cells.ref(0));
    work.open();
  }

  @Test
  void aSmallTaskFinishesWhileTheLargeLaneIsFullOfLongTasks() {
    for (int i = 0; i < 10; i++) {
      submit(gate("huge-" + i, 60_000)); // each says it runs a minute, and holds its slot
    }
    Cell.CellStatus full = status();
    assertEquals(2, full.inFlight(), "the large lane holds half of the 4 slots");
    assertEquals(8, full.queued().get("normal"));

    submit(new TaskSpec("small", "acme", "k", "record", Priority.NORMAL, Durability.TRANSIENT, Map.of(), 0));
    assertEquals(TaskStatus.DONE, lookup("small").status(), "ran at once beside the huge tasks");
    assertEquals(1, work.started().size());

    // Small gate tasks may take the two slots the large lane cannot.
    submit(gate("small-gate-1", 0));
    submit(gate("small-gate-2", 0));
    assertEquals(4, status().inFlight());
    work.open();
  }

  @Test
  void largeTasksStillRunWhenTheSmallLaneIsBusy() {
    for (int i = 0; i < 6; i++) {
      submit(gate("small-" + i, 0)); // four take every slot, two wait
    }
    submit(gate("huge", 60_000));
    assertEquals(4, status().inFlight());
    work.open(); // everything finishes, the huge one included
    assertEquals(TaskStatus.DONE, awaitDone("huge"));
  }

  private static TaskSpec gate(String id, long millis) {
    return new TaskSpec(id, "acme", "k", "gate", Priority.NORMAL, Durability.TRANSIENT,
        millis > 0 ? Map.of("millis", millis) : Map.of(), 0);
  }

  private void submit(TaskSpec task) {
    TestProbe<SubmitReply> probe = testKit.createTestProbe();
    cells.ref(0).tell(new Cell.Submit(task, false, probe.getRef()));
    assertInstanceOf(Accepted.class, probe.receiveMessage());
  }

  private Cell.CellStatus status() {
    TestProbe<Cell.CellStatus> probe = testKit.createTestProbe();
    cells.ref(0).tell(new Cell.GetStatus(probe.getRef()));
    return probe.receiveMessage();
  }

  private io.cellwork.cells.task.TaskView lookup(String id) {
    TestProbe<Cell.TaskLookup> probe = testKit.createTestProbe();
    cells.ref(0).tell(new Cell.GetTask(id, probe.getRef()));
    return probe.receiveMessage().task();
  }

  private TaskStatus awaitDone(String id) {
    TestProbe<Cell.TaskLookup> probe = testKit.createTestProbe();
    return probe.awaitAssert(() -> {
      TaskStatus status = lookup(id).status();
      assertEquals(TaskStatus.DONE, status);
      return status;
    });
  }
}
