package io.cellwork.cells.cell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellwork.cells.cell.Cell.Accepted;
import io.cellwork.cells.cell.Cell.SubmitReply;
import io.cellwork.cells.ledger.AccountId;
import io.cellwork.cells.task.Durability;
import io.cellwork.cells.task.Priority;
import io.cellwork.cells.task.TaskSpec;
import io.cellwork.cells.task.TaskStatus;
import io.cellwork.cells.task.TaskView;
import io.cellwork.cells.testing.SpawnedCells;
import io.cellwork.cells.testing.TestConfigs;
import io.cellwork.cells.work.WorkKinds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The ledger across several cells: never below zero, money neither created nor lost. */
@ExtendWith(TestKitJUnit5Extension.class)
@ExtendWith(LogCapturingExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LedgerTest {
  private static final int CELLS = 4;
  private static final String TENANT = "bank";
  private static final Duration ASK = Duration.ofSeconds(2);

  @JUnit5TestKit
  final ActorTestKit testKit = new JUnit5TestKitBuilder().withCustomConfig(TestConfigs.inMemoryJournal()).build();

  private SpawnedCells cells;

  @BeforeEach
  void startCells() {
    PersistenceTestKit.create(testKit.system()).clearAll();
    cells = new SpawnedCells(testKit, CELLS, WorkKinds.builtIn());
  }

  @AfterEach
  void stopCells() {
    for (int cell = 0; cell < CELLS; cell++) {
      testKit.stop(cells.ref(cell));
    }
  }

  @Test
  void withdrawalNeverTakesABalanceBelowZero() {
    assertEquals(TaskStatus.DONE, run(ledger("d1", "ledger.deposit", "alice", 100, null)).status());
    TaskView refused = run(ledger("w1", "ledger.withdraw", "alice", 101, null));
    assertEquals(TaskStatus.FAILED, refused.status());
    assertEquals("insufficient_funds", refused.error());
    TaskView ok = run(ledger("w2", "ledger.withdraw", "alice", 100, null));
    assertEquals(Map.of("balance", 0L), ok.result());
    assertEquals(0, balance("alice"));
  }

  @Test
  void transferMovesMoneyBetweenCells() {
    String from = "alice";
    String to = keyInAnotherCell(from);
    run(ledger("d1", "ledger.deposit", from, 500, null));
    TaskView done = run(ledger("x1", "ledger.transfer", from, 200, to));
    assertEquals(TaskStatus.DONE, done.status());
    assertEquals(300, balance(from));
    assertEquals(200, balance(to));

    TaskView uncovered = run(ledger("x2", "ledger.transfer", from, 301, to));
    assertEquals("insufficient_funds", uncovered.error());
    assertEquals(300, balance(from));
  }

  @Test
  void transferPastItsDeadlineIsRefundedWhenTheTargetComesBack() {
    String from = "alice";
    String to = keyInAnotherCell(from);
    int target = cells.cellFor(TENANT, to);
    run(ledger("d1", "ledger.deposit", from, 500, null));
    cells.stop(target);
    TaskSpec transfer = new TaskSpec("x1", TENANT, from, "ledger.transfer", Priority.NORMAL, Durability.DURABLE,
        Map.of("amount", 200L, "to", to), 300);
    submit(transfer).toCompletableFuture().join();
    // debited and in flight: the source keeps asking, the target is down past the deadline
    testKit.createTestProbe().awaitAssert(Duration.ofSeconds(5), () -> {
      assertEquals(300, balance(from));
      return null;
    });
    testKit.createTestProbe().expectNoMessage(Duration.ofMillis(600));
    cells.start(target); // the source now asks it to refuse; the refusal triggers the refund
    TaskView end = awaitFinal(transfer);
    assertEquals(TaskStatus.FAILED, end.status());
    assertEquals(TransferSaga.TRANSFER_GAVE_UP, end.error());
    assertEquals(500, balance(from));
    assertEquals(0, balance(to));
  }

  @Test
  void concurrentTransfersWithCellsRestartingMidSagaConserveMoney() throws Exception {
    int accounts = 16;
    long initial = 1_000;
    for (int a = 0; a < accounts; a++) {
      run(ledger("seed-" + a, "ledger.deposit", "acct-" + a, initial, null));
    }
    Random random = new Random(7);
    List<TaskSpec> transfers = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      int from = random.nextInt(accounts);
      int to = (from + 1 + random.nextInt(accounts - 1)) % accounts;
      transfers.add(ledger("t-" + i, "ledger.transfer", "acct-" + from, 1 + random.nextInt(300), "acct-" + to));
    }
    List<CompletableFuture<SubmitReply>> inFlight = new ArrayList<>();
    for (int i = 0; i < transfers.size(); i++) {
      inFlight.add(submit(transfers.get(i)).toCompletableFuture());
      if (i % 50 == 25) {
        cells.restart(random.nextInt(CELLS)); // cut sagas off between debit and credit
      }
    }
    for (int i = 0; i < transfers.size(); i++) {
      acknowledge(transfers.get(i), inFlight.get(i));
    }

    Map<String, Long> expected = new HashMap<>();
    for (int a = 0; a < accounts; a++) {
      expected.put("acct-" + a, initial);
    }
    int done = 0;
    for (TaskSpec transfer : transfers) {
      TaskView end = awaitFinal(transfer);
      if (end.status() == TaskStatus.DONE) {
        done++;
        long amount = (Long) transfer.params().get("amount");
        expected.merge(transfer.key(), -amount, Long::sum);
        expected.merge((String) transfer.params().get("to"), amount, Long::sum);
      } else {
        assertEquals("insufficient_funds", end.error(), transfer.id());
      }
    }
    long total = 0;
    for (int a = 0; a < accounts; a++) {
      long balance = balance("acct-" + a);
      assertTrue(balance >= 0, "acct-" + a + " went negative");
      assertEquals(expected.get("acct-" + a), balance, "acct-" + a + " matches its done transfers");
      total += balance;
    }
    assertEquals(accounts * initial, total, "money is neither created nor lost");
    assertTrue(done > transfers.size() / 2, "most transfers went through: " + done);
  }

  // ---- helpers ----

  private String keyInAnotherCell(String key) {
    int cell = cells.cellFor(TENANT, key);
    for (int i = 0; ; i++) {
      if (cells.cellFor(TENANT, "other-" + i) != cell) {
        assertNotEquals(cell, cells.cellFor(TENANT, "other-" + i));
        return "other-" + i;
      }
    }
  }

  private static TaskSpec ledger(String id, String kind, String key, long amount, String to) {
    Map<String, Object> params = to == null ? Map.of("amount", amount) : Map.of("amount", amount, "to", to);
    return new TaskSpec(id, TENANT, key, kind, Priority.NORMAL, Durability.DURABLE, params, 0);
  }

  private CompletionStage<SubmitReply> submit(TaskSpec task) {
    int cell = cells.cellFor(task.tenant(), task.key());
    return AskPattern.ask(cells.ref(cell), replyTo -> new Cell.Submit(task, false, replyTo), ASK, testKit.scheduler());
  }

  /** Waits for the acknowledgement, resubmitting (same id, so at most once) if it was lost in a restart. */
  private void acknowledge(TaskSpec task, CompletableFuture<SubmitReply> first) throws Exception {
    CompletableFuture<SubmitReply> attempt = first;
    for (int tries = 0; tries < 10; tries++) {
      try {
        assertInstanceOf(Accepted.class, attempt.get(5, TimeUnit.SECONDS));
        return;
      } catch (ExecutionException | TimeoutException lost) {
        attempt = submit(task).toCompletableFuture();
      }
    }
    throw new AssertionError(task.id() + " was never acknowledged");
  }

  private TaskView run(TaskSpec task) {
    int cell = cells.cellFor(task.tenant(), task.key());
    SubmitReply reply = AskPattern.<Cell.Command, SubmitReply>ask(
            cells.ref(cell), replyTo -> new Cell.Submit(task, true, replyTo), Duration.ofSeconds(10), testKit.scheduler())
        .toCompletableFuture().join();
    return assertInstanceOf(Accepted.class, reply).task();
  }

  private TaskView awaitFinal(TaskSpec task) {
    int cell = cells.cellFor(task.tenant(), task.key());
    return testKit.createTestProbe().awaitAssert(Duration.ofSeconds(20), Duration.ofMillis(20), () -> {
      TaskView view = AskPattern.<Cell.Command, Cell.TaskLookup>ask(
              cells.ref(cell), replyTo -> new Cell.GetTask(task.id(), replyTo), ASK, testKit.scheduler())
          .toCompletableFuture().join().task();
      assertTrue(view != null && view.status().isFinal(), task.id() + " is " + view);
      return view;
    });
  }

  private long balance(String key) {
    AccountId account = new AccountId(TENANT, key);
    int cell = cells.cellFor(TENANT, key);
    return AskPattern.<Cell.Command, Cell.Balance>ask(
            cells.ref(cell), replyTo -> new Cell.GetBalance(account, replyTo), ASK, testKit.scheduler())
        .toCompletableFuture().join().balance();
  }
}
