package io.cellwork.cells.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.cellwork.cells.cell.Cell;
import io.cellwork.cells.ledger.AccountId;
import io.cellwork.cells.task.Durability;
import io.cellwork.cells.task.Priority;
import io.cellwork.cells.task.TaskSpec;
import io.cellwork.cells.task.TaskStatus;
import io.cellwork.cells.task.TaskView;
import io.cellwork.cells.testing.TestConfigs;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** Messages that cross nodes go through the Kryo serializer and come back equal. */
@ExtendWith(TestKitJUnit5Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KryoSerializerTest {
  @JUnit5TestKit
  final ActorTestKit testKit = new JUnit5TestKitBuilder().withCustomConfig(TestConfigs.inMemoryJournal()).build();

  @Test
  void messagesWithActorRefsRoundTripThroughKryo() {
    TestProbe<Cell.SubmitReply> replies = testKit.createTestProbe();
    TaskSpec task = new TaskSpec("t", "acme", "k", "echo", Priority.NORMAL, Durability.TRANSIENT,
        Map.of("n", 1L, "s", "x", "b", true, "d", 0.5), 0);
    for (Object message : List.of(
        new Cell.Submit(task, true, replies.getRef()),
        new Cell.CreditAccount(1, 2, new AccountId("acme", "bob"), 3, 1),
        new Cell.Accepted(new TaskView("t", 4, TaskStatus.DONE, Map.of("n", 1L), null), false),
        new Cell.Rejected(Cell.RejectReason.QUEUE_FULL, 1500, "full"),
        new Cell.CellStatus(1, "127.0.0.1:25520", Map.of("critical", 1), 2, 3, 4, 5, 6,
            new io.cellwork.killswitch.breaker.BreakerStatus("cell-1", "closed", -1f, -1f, 0), Map.of("ks-1", 3)),
        Cell.WakeUp.INSTANCE)) {
      assertEquals(message, roundTrip(message), message.getClass().getSimpleName());
    }
  }

  private Object roundTrip(Object message) {
    Serialization serialization = SerializationExtension.get(testKit.system());
    assertInstanceOf(KryoSerializer.class, serialization.findSerializerFor(message));
    byte[] bytes = serialization.serialize(message).get();
    return serialization.deserialize(bytes, KryoSerializer.IDENTIFIER, "").get();
  }
}
