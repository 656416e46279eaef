package io.cellwork.cells.cell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.cellwork.cells.Cells;
import io.cellwork.cells.CellsClient;
import io.cellwork.cells.journal.JournalSchema;
import io.cellwork.cells.ledger.AccountId;
import io.cellwork.cells.task.Durability;
import io.cellwork.cells.task.Priority;
import io.cellwork.cells.task.TaskSpec;
import io.cellwork.cells.task.TaskStatus;
import io.cellwork.cells.task.TaskView;
import io.cellwork.cells.testing.SingleNodeCluster;
import io.cellwork.cells.testing.TestConfigs;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole node-side data plane (sharding, cells, JDBC journal from {@code conf/journal-h2.conf})
 * across an actor system restart on the same H2 file: what was acknowledged before the restart
 * is there after it, unfinished work resumes, and ids stay idempotent.
 */
@ExtendWith(LogCapturingExtension.class)
class DurabilityOnH2Test {
  private static final Duration ASK = Duration.ofSeconds(10);

  @TempDir Path dir;

  @Test
  void acknowledgedWorkSurvivesAnActorSystemRestart() throws Exception {
    Config config = TestConfigs.h2Journal(dir, ConfigFactory.parseString(
        "cellwork.cells.cell.snapshot-every-events = 50")); // recovery goes through snapshots too
    JournalSchema.ensure(config);
    List<TaskSpec> slow = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      slow.add(task("slow-" + i, "k" + i, "sleep", Map.of("millis", 1500L)));
    }
    TaskSpec deposit = task("dep-1", "alice", "ledger.deposit", Map.of("amount", 700L));
    TaskSpec transfer = task("xfer-1", "alice", "ledger.transfer", Map.of("amount", 300L, "to", "bob"));

    ActorTestKit first = ActorTestKit.create("before", config);
    try {
      CellsClient client = start(first);
      assertEquals(TaskStatus.DONE, submit(client, deposit, true).status());
      for (int i = 0; i < 100; i++) { // enough events in some cells to snapshot
        submit(client, task("echo-" + i, "alice", "echo", Map.of()), true);
      }
      for (TaskSpec task : slow) {
        assertTrue(!submit(client, task, false).status().isFinal(), "1.5 s of sleep cannot be over yet");
      }
      submit(client, transfer, false);
    } finally {
      first.shutdownTestKit(); // the slow tasks are journaled but unfinished
    }
    shutdownDatabase(config); // the next system opens the file afresh

    ActorTestKit second = ActorTestKit.create("after", config);
    try {
      CellsClient client = start(second);
      for (TaskSpec task : slow) {
        assertEquals(TaskStatus.DONE, awaitFinal(second, client, task).status(), task.id());
      }
      assertEquals(TaskStatus.DONE, awaitFinal(second, client, transfer).status());
      assertEquals(400, balance(client, "alice"));
      assertEquals(300, balance(client, "bob"));
      Cell.Accepted replay = (Cell.Accepted) client.submit(deposit, false, ASK).toCompletableFuture().get();
      assertTrue(replay.replay(), "the deposit is remembered, not applied again");
      assertEquals(400, balance(client, "alice"));
    } finally {
      second.shutdownTestKit();
    }
  }

  private static CellsClient start(ActorTestKit testKit) {
    SingleNodeCluster.join(testKit);
    return Cells.start(testKit.system(), new PrometheusRegistry());
  }

  private static TaskSpec task(String id, String key, String kind, Map<String, Object> params) {
    return new TaskSpec(id, "acme", key, kind, Priority.NORMAL, Durability.DURABLE, params, 0);
  }

  private static TaskView submit(CellsClient client, TaskSpec task, boolean await) throws Exception {
    return assertInstanceOf(Cell.Accepted.class, client.submit(task, await, ASK).toCompletableFuture().get()).task();
  }

  private static TaskView awaitFinal(ActorTestKit testKit, CellsClient client, TaskSpec task) {
    int cell = client.cellFor(task.tenant(), task.key());
    return testKit.createTestProbe().awaitAssert(Duration.ofSeconds(20), Duration.ofMillis(50), () -> {
      TaskView view = client.task(cell, task.id()).toCompletableFuture().join().task();
      assertTrue(view != null && view.status().isFinal(), task.id() + " is " + view);
      return view;
    });
  }

  private static long balance(CellsClient client, String key) throws Exception {
    return client.balance(new AccountId("acme", key)).toCompletableFuture().get().balance();
  }

  private static void shutdownDatabase(Config config) throws Exception {
    Config db = config.getConfig("pekko-persistence-jdbc.shared-databases.cellwork.db");
    try (Connection c = DriverManager.getConnection(db.getString("url"), db.getString("user"), db.getString("password"))) {
      c.createStatement().execute("SHUTDOWN");
    }
  }
}
