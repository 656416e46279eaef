package io.cellwork.killswitch.testing;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.serialization.JSerializer;

/**
 * A stand-in for the node's Kryo serializer (which lives in the cells module, above this one) in
 * one-JVM tests: "serializing" parks the object under a number and returns the number. Distributed
 * Data serializes values to compute digests and store them; nothing here leaves the JVM.
 */
public final class SameJvmSerializer extends JSerializer {
  private static final Map<Long, Object> PARKED = new ConcurrentHashMap<>();
  private static final AtomicLong NEXT = new AtomicLong();

  @Override
  public int identifier() {
    return 901_337;
  }

  @Override
  public boolean includeManifest() {
    return false;
  }

  @Override
  public byte[] toBinary(Object o) {
    long id = NEXT.incrementAndGet();
    PARKED.put(id, o);
    return ByteBuffer.allocate(Long.BYTES).putLong(id).array();
  }

  @Override
  public Object fromBinaryJava(byte[] bytes, Class<?> manifest) {
    return PARKED.get(ByteBuffer.wrap(bytes).getLong());
  }
}
