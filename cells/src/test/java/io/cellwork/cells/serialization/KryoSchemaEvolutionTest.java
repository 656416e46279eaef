package io.cellwork.cells.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two versions of one event registered under the same id, as they would be before and after a
 * release that adds fields: bytes of either version read with the other.
 */
class KryoSchemaEvolutionTest {
  private static final int EVENT_ID = 900;

  /** The event as first released. */
  record Deposited(String account, long amount) {}

  /** The same event (same id) after a release added a note, a fee and a flag. */
  record DepositedV2(String account, long amount, String note, long fee, boolean reviewed) {}

  enum Color { RED, GREEN }

  /** The enum after a release added a constant in front. */
  enum ColorV2 { BLUE, RED, GREEN }

  @Test
  void eventWrittenBeforeFieldsWereAddedStillReads() {
    byte[] old = write(kryoWith(Deposited.class), new Deposited("acme/alice", 250));
    DepositedV2 read = (DepositedV2) read(kryoWith(DepositedV2.class), old);
    assertEquals("acme/alice", read.account());
    assertEquals(250, read.amount());
    assertNull(read.note());
    assertEquals(0, read.fee());
    assertEquals(false, read.reviewed());
  }

  @Test
  void olderReaderSkipsFieldsItDoesNotKnow() {
    byte[] newer = write(kryoWith(DepositedV2.class), new DepositedV2("acme/bob", 7, "refund", 3, true));
    assertEquals(new Deposited("acme/bob", 7), read(kryoWith(Deposited.class), newer));
  }

  @Test
  void evolvedEventsInsideCollectionsStillRead() {
    byte[] old = write(kryoWith(Deposited.class), List.of(new Deposited("a", 1), new Deposited("b", 2)));
    @SuppressWarnings("unchecked")
    List<DepositedV2> read = (List<DepositedV2>) read(kryoWith(DepositedV2.class), old);
    assertEquals(List.of(new DepositedV2("a", 1, null, 0, false), new DepositedV2("b", 2, null, 0, false)), read);
  }

  @Test
  void enumsAreStoredByNameSoNewConstantsDoNotShiftOldOnes() {
    Kryo v1 = KryoFactory.of(Map.of(EVENT_ID, Color.class)).create();
    Kryo v2 = KryoFactory.of(Map.of(EVENT_ID, ColorV2.class)).create();
    assertEquals(ColorV2.GREEN, read(v2, write(v1, Color.GREEN)));
  }

  private static Kryo kryoWith(Class<?> eventVersion) {
    return KryoFactory.of(Map.of(EVENT_ID, eventVersion)).create();
  }

  private static byte[] write(Kryo kryo, Object value) {
    Output output = new Output(256, -1);
    kryo.writeClassAndObject(output, value);
    return output.toBytes();
  }

  private static Object read(Kryo kryo, byte[] bytes) {
    return kryo.readClassAndObject(new Input(bytes));
  }
}
