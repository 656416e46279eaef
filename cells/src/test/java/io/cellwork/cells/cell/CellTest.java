package io.cellwork.cells.cell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.cellwork.cells.cell.Cell.Accepted;
import io.cellwork.cells.cell.Cell.Conflict;
import io.cellwork.cells.cell.Cell.Rejected;
import io.cellwork.cells.cell.Cell.SubmitReply;
import io.cellwork.cells.task.Durability;
import io.cellwork.cells.task.Priority;
import io.cellwork.cells.task.TaskSpec;
import io.cellwork.cells.task.TaskStatus;
import io.cellwork.cells.task.TaskView;
import io.cellwork.cells.testing.SpawnedCells;
import io.cellwork.cells.testing.TestConfigs;
import io.cellwork.cells.work.GateWork;
import io.cellwork.killswitch.KillSwitch;
import io.cellwork.killswitch.KillSwitchView;
import io.cellwork.killswitch.KillSwitchesChanged;
import io.cellwork.killswitch.Mode;
import io.cellwork.killswitch.Scope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.typed.eventstream.EventStream;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** One cell on its own: admission, fair scheduling, deadlines, durability and idempotency. */
@ExtendWith(TestKitJUnit5Extension.class)
@ExtendWith(LogCapturingExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CellTest {
  private static final String PID = "Cell|0";

  @JUnit5TestKit
  final ActorTestKit testKit =
      new JUnit5TestKitBuilder()
          .withCustomConfig(TestConfigs.inMemoryJournal(ConfigFactory.parseString("""
              cellwork.cells.cell {
                max-in-flight = 1
                queues {
                  critical { capacity = 40, weight = 6 }
                  normal { capacity = 40, weight = 3 }
                  sheddable { capacity = 40, weight = 1 }
                }
              }
              """)))
          .build();

  private PersistenceTestKit journal;
  private GateWork work;
  private SpawnedCells cells;

  @BeforeEach
  void startCell() {
    journal = PersistenceTestKit.create(testKit.system());
    journal.clearAll();
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
  void durableTaskIsAcknowledgedAfterItsAcceptanceIsJournaled() {
    Accepted accepted = submitExpecting(Accepted.class, task("t1", "gate", Priority.NORMAL, Durability.DURABLE));
    assertFalse(accepted.replay());
    journal.expectNextPersistedClass(PID, CellEvent.TaskAccepted.class);
    work.open();
    assertEquals(TaskStatus.DONE, awaitFinal("t1").status());
    journal.expectNextPersistedClass(PID, CellEvent.TaskFinished.class);
  }

  @Test
  void workThatFinishesAtOnceIsJournaledAsOneEvent() {
    assertEquals(TaskStatus.DONE, submitAndAwait(task("t1", "echo", Priority.NORMAL, Durability.DURABLE)).task().status());
    CellEvent.TaskAcceptedAndFinished event =
        journal.expectNextPersistedClass(PID, CellEvent.TaskAcceptedAndFinished.class);
    assertEquals(Map.of("x", 1L), event.result());
    journal.expectNothingPersisted(PID);
  }

  @Test
  void noAcknowledgementWhenTheJournalWriteFailsAndTheCellStartsAfresh() {
    journal.failNextPersisted();
    TestProbe<SubmitReply> probe = testKit.createTestProbe();
    cells.ref(0).tell(new Cell.Submit(task("lost", "gate", Priority.NORMAL, Durability.DURABLE), false, probe.getRef()));
    probe.expectNoMessage(Duration.ofMillis(500));

    // The cell restarted from its journal: the unjournaled task is unknown, nothing of it lingers.
    TestProbe<Cell.TaskLookup> lookup = testKit.createTestProbe();
    cells.ref(0).tell(new Cell.GetTask("lost", lookup.getRef()));
    assertNull(lookup.receiveMessage().task());
    assertEquals(TaskStatus.DONE, submitAndAwait(task("next", "echo", Priority.NORMAL, Durability.DURABLE)).task().status());
    work.open(); // the lost task's work finishes now: a stale result, ignored
    TestProbe<Cell.CellStatus> status = testKit.createTestProbe();
    cells.ref(0).tell(new Cell.GetStatus(status.getRef()));
    Cell.CellStatus now = status.receiveMessage();
    assertEquals(0, now.inFlight());
    assertEquals(0, now.openTasks());
    assertEquals(1, now.retainedTasks());
  }

  @Test
  void transientTasksSkipTheJournal() {
    TaskView done = submitAndAwait(task("t1", "echo", Priority.NORMAL, Durability.TRANSIENT)).task();
    assertEquals(TaskStatus.DONE, done.status());
    assertEquals(Map.of("x", 1L), done.result());
    journal.expectNothingPersisted(PID);
  }

  @Test
  void fullQueueRejectsWithReasonAndRetryHint() {
    occupyTheOnlySlot();
    for (int i = 0; i < 40; i++) {
      submitExpecting(Accepted.class, task("s" + i, "record", Priority.SHEDDABLE, Durability.TRANSIENT));
    }
    Rejected rejected = submitExpecting(Rejected.class, task("s40", "record", Priority.SHEDDABLE, Durability.TRANSIENT));
    assertEquals(Cell.RejectReason.QUEUE_FULL, rejected.reason());
    assertTrue(rejected.retryAfterMillis() >= 1000, "retry hint at least the configured minimum");
    // other priorities have queues of their own
    submitExpecting(Accepted.class, task("c0", "record", Priority.CRITICAL, Durability.TRANSIENT));
  }

  @Test
  void saturatedPrioritiesShareTheCellByWeight() {
    occupyTheOnlySlot();
    for (int i = 0; i < 40; i++) {
      for (Priority p : Priority.values()) {
        submitExpecting(Accepted.class, task(p.wireName() + "-" + i, "record", p, Durability.TRANSIENT));
      }
    }
    work.open();
    TaskView last = awaitFinal("sheddable-39");
    assertEquals(TaskStatus.DONE, last.status());

    // While all three queues were non-empty (the first 60 starts), every window of 10 starts
    // held exactly 6 critical, 3 normal and 1 sheddable task.
    List<String> order = work.started();
    for (int window = 0; window < 6; window++) {
      List<String> slice = order.subList(window * 10, window * 10 + 10);
      assertEquals(6, count(slice, "critical"), "window " + window + ": " + slice);
      assertEquals(3, count(slice, "normal"), "window " + window + ": " + slice);
      assertEquals(1, count(slice, "sheddable"), "window " + window + ": " + slice);
    }
    assertEquals(120, order.size(), "every task ran exactly once");
  }

  @Test
  void taskPastItsDeadlineEndsExpiredWithoutRunning() {
    occupyTheOnlySlot();
    TaskSpec late = new TaskSpec("late", "acme", "k", "record", Priority.CRITICAL, Durability.DURABLE, Map.of(), 1);
    submitExpecting(Accepted.class, late);
    TaskView view = awaitFinal("late"); // the deadline sweep expires it while the slot is busy
    assertEquals(TaskStatus.EXPIRED, view.status());
    assertEquals(Cell.DEADLINE_EXCEEDED, view.error());
    assertFalse(work.started().contains("late"));
  }

  @Test
  void sameIdSameBodyReturnsTheStoredStatusAndDifferentBodyConflicts() {
    TaskSpec original = task("dup", "echo", Priority.NORMAL, Durability.DURABLE);
    submitAndAwait(original);
    Accepted again = submitExpecting(Accepted.class, original);
    assertTrue(again.replay());
    assertEquals(TaskStatus.DONE, again.task().status());

    TaskSpec changed = new TaskSpec("dup", "acme", "k", "echo", Priority.NORMAL, Durability.DURABLE, Map.of("x", 2L), 0);
    Conflict conflict = submitExpecting(Conflict.class, changed);
    assertEquals("dup", conflict.taskId());
  }

  @Test
  void duplicateWhileTheFirstIsStillQueuedIsNotRunTwice() {
    occupyTheOnlySlot();
    TaskSpec queued = task("once", "record", Priority.NORMAL, Durability.DURABLE);
    submitExpecting(Accepted.class, queued);
    Accepted again = submitExpecting(Accepted.class, queued);
    assertTrue(again.replay());
    work.open();
    awaitFinal("once");
    assertEquals(List.of("once"), work.started());
  }

  @Test
  void restartedCellResumesItsUnfinishedDurableTasks() {
    occupyTheOnlySlot();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      ids.add("resume-" + i);
      submitExpecting(Accepted.class, task("resume-" + i, "record", Priority.NORMAL, Durability.DURABLE));
    }
    cells.restart(0); // the gate task and the ten queued ones were journaled, none finished
    work.open();
    for (String id : ids) {
      assertEquals(TaskStatus.DONE, awaitFinal(id).status());
    }
    assertEquals(ids, work.started().stream().distinct().toList());
  }

  @Test
  void engagedSwitchRejectsNewWorkAndHardStopKillsQueuedWork() {
    occupyTheOnlySlot();
    submitExpecting(Accepted.class, task("queued", "record", Priority.NORMAL, Durability.DURABLE));
    cells.killSwitches().publish(KillSwitchView.of(List.of(
        new KillSwitch("ks-1", Scope.parse("tenant:acme"), Mode.HARD_STOP, "runaway", "test", System.currentTimeMillis(), 0))));

    Rejected rejected = submitExpecting(Rejected.class, task("new", "record", Priority.NORMAL, Durability.DURABLE));
    assertEquals(Cell.RejectReason.KILL_SWITCH, rejected.reason());
    assertEquals("ks-1", rejected.detail());

    work.open(); // the slot frees; the queued task may not start under a hard stop
    TaskView killed = awaitFinal("queued");
    assertEquals(TaskStatus.KILLED, killed.status());
    assertEquals("killed by ks-1", killed.error());
    assertFalse(work.started().contains("queued"));

    cells.killSwitches().publish(KillSwitchView.EMPTY);
    submitExpecting(Accepted.class, task("after", "record", Priority.NORMAL, Durability.DURABLE));
    assertEquals(TaskStatus.DONE, awaitFinal("after").status());
  }

  @Test
  void drainRefusesNewWorkButFinishesQueuedAndRunningWork() {
    occupyTheOnlySlot();
    submitExpecting(Accepted.class, task("queued", "record", Priority.NORMAL, Durability.DURABLE));
    engage(new KillSwitch("ks-drain", Scope.parse("tenant:acme"), Mode.DRAIN, "maintenance", "test", System.currentTimeMillis(), 0));

    assertEquals("ks-drain", submitExpecting(Rejected.class, task("new", "record", Priority.NORMAL, Durability.DURABLE)).detail());
    assertEquals(Map.of("ks-drain", 2), status().draining(), "one running, one queued: not drained yet");
    work.open();
    assertEquals(TaskStatus.DONE, awaitFinal("gate").status());
    assertEquals(TaskStatus.DONE, awaitFinal("queued").status());
    assertEquals(List.of("queued"), work.started());
    assertEquals(Map.of("ks-drain", 0), status().draining(), "drained");
  }

  @Test
  void hardStopCancelsRunningWorkTooAndTheKillIsJournaled() {
    occupyTheOnlySlot(); // running, held at the gate
    submitExpecting(Accepted.class, task("queued", "record", Priority.NORMAL, Durability.DURABLE));
    engage(new KillSwitch("ks-stop", Scope.parse("kind:gate"), Mode.HARD_STOP, "runaway", "test", System.currentTimeMillis(), 0));

    assertEquals(TaskStatus.KILLED, awaitFinal("gate").status(), "the running task ends without waiting for its work");
    assertEquals(TaskStatus.DONE, awaitFinal("queued").status(), "work outside the scope takes the freed slot");

    cells.killSwitches().publish(KillSwitchView.EMPTY);
    cells.restart(0); // recovers from the journal alone
    work.open();
    TaskView afterRestart = awaitFinal("gate");
    assertEquals(TaskStatus.KILLED, afterRestart.status(), "killed was journaled, so it is not resumed");
    assertEquals("killed by ks-stop", afterRestart.error());
  }

  @Test
  void unknownTaskIsReportedAsUnknown() {
    TestProbe<Cell.TaskLookup> probe = testKit.createTestProbe();
    cells.ref(0).tell(new Cell.GetTask("nope", probe.getRef()));
    assertNull(probe.receiveMessage().task());
  }

  // ---- helpers ----

  /** Publishes the switch as the node's registry does: a new view, then the notice on the event stream. */
  private void engage(KillSwitch killSwitch) {
    cells.killSwitches().publish(KillSwitchView.of(List.of(killSwitch)));
    testKit.system().eventStream().tell(new EventStream.Publish<>(KillSwitchesChanged.INSTANCE));
  }

  private Cell.CellStatus status() {
    TestProbe<Cell.CellStatus> probe = testKit.createTestProbe();
    cells.ref(0).tell(new Cell.GetStatus(probe.getRef()));
    return probe.receiveMessage();
  }

  private void occupyTheOnlySlot() {
    submitExpecting(Accepted.class, task("gate", "gate", Priority.CRITICAL, Durability.DURABLE));
  }

  private static TaskSpec task(String id, String kind, Priority priority, Durability durability) {
    return new TaskSpec(id, "acme", "k", kind, priority, durability, kind.equals("echo") ? Map.of("x", 1L) : Map.of(), 0);
  }

  private <T extends SubmitReply> T submitExpecting(Class<T> type, TaskSpec task) {
    TestProbe<SubmitReply> probe = testKit.createTestProbe();
    cells.ref(0).tell(new Cell.Submit(task, false, probe.getRef()));
    return assertInstanceOf(type, probe.receiveMessage());
  }

  private Accepted submitAndAwait(TaskSpec task) {
    TestProbe<SubmitReply> probe = testKit.createTestProbe();
    cells.ref(0).tell(new Cell.Submit(task, true, probe.getRef()));
    return assertInstanceOf(Accepted.class, probe.receiveMessage());
  }

  private TaskView awaitFinal(String taskId) {
    TestProbe<Cell.TaskLookup> probe = testKit.createTestProbe();
    return probe.awaitAssert(Duration.ofSeconds(5), Duration.ofMillis(20), () -> {
      cells.ref(0).tell(new Cell.GetTask(taskId, probe.getRef()));
      TaskView view = probe.receiveMessage().task();
      assertTrue(view != null && view.status().isFinal(), taskId + " is " + view);
      return view;
    });
  }

  private static long count(List<String> ids, String prefix) {
    return ids.stream().filter(id -> id.startsWith(prefix + "-")).count();
  }
}
