package io.cellwork.cells.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.Pool;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.JSerializer;

/**
 * Pekko's serializer for everything marked {@link CellworkSerializable}: messages between nodes,
 * journal events and snapshots. Kryo writes the registration id in front of each object, so no
 * manifest is needed.
 *
 * <p>Kryo instances are not thread-safe; a pool lends one per call (Pekko serializes on many
 * threads at once), together with a reusable output buffer.
 */
public final class KryoSerializer extends JSerializer {
  /** Pekko's serializer id for this class; must never change once data is stored. */
  public static final int IDENTIFIER = 1_638_300;
  private static final int INITIAL_BUFFER = 4 * 1024;
  private static final int MAX_BUFFER = 64 * 1024 * 1024;

  private final Pool<Kryo> kryos;
  private final Pool<Output> outputs;

  public KryoSerializer(ExtendedActorSystem system) {
    KryoFactory factory =
        KryoFactory.fromConfig(
            system.settings().config().getConfig("cellwork.serialization.kryo"),
            new ActorRefSerializer(() -> ActorRefResolver.get(Adapter.toTyped(system))));
    int poolSize = Runtime.getRuntime().availableProcessors() * 4;
    this.kryos =
        new Pool<>(true, false, poolSize) {
          @Override
          protected Kryo create() {
            return factory.create();
          }
        };
    this.outputs =
        new Pool<>(true, false, poolSize) {
          @Override
          protected Output create() {
            return new Output(INITIAL_BUFFER, MAX_BUFFER);
          }
        };
  }

  @Override
  public int identifier() {
    return IDENTIFIER;
  }

  @Override
  public boolean includeManifest() {
    return false;
  }

  @Override
  public byte[] toBinary(Object message) {
    Kryo kryo = kryos.obtain();
    Output output = outputs.obtain();
    try {
      output.reset();
      kryo.writeClassAndObject(output, message);
      return output.toBytes();
    } finally {
      outputs.free(output);
      kryos.free(kryo);
    }
  }

  @Override
  public Object fromBinaryJava(byte[] bytes, Class<?> manifest) {
    Kryo kryo = kryos.obtain();
    try {
      return kryo.readClassAndObject(new Input(bytes));
    } finally {
      kryos.free(kryo);
    }
  }
}
