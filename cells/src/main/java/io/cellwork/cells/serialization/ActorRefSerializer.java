package io.cellwork.cells.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;

/**
 * Typed actor references travel as their serialization format (a path with address) and resolve
 * back through the {@link ActorRefResolver}. The resolver is looked up on first use: serializers
 * are created while the actor system is still starting, before the resolver exists.
 */
final class ActorRefSerializer extends Serializer<ActorRef<?>> {
  private final Supplier<ActorRefResolver> resolverLookup;
  private volatile ActorRefResolver resolver;

  ActorRefSerializer(Supplier<ActorRefResolver> resolverLookup) {
    this.resolverLookup = resolverLookup;
    setImmutable(true);
  }

  @Override
  public void write(Kryo kryo, Output output, ActorRef<?> ref) {
    output.writeString(resolver().toSerializationFormat(ref));
  }

  @Override
  public ActorRef<?> read(Kryo kryo, Input input, Class<? extends ActorRef<?>> type) {
    return resolver().resolveActorRef(input.readString());
  }

  private ActorRefResolver resolver() {
    ActorRefResolver r = resolver;
    if (r == null) {
      r = resolverLookup.get();
      resolver = r;
    }
    return r;
  }
}
