package io.cellwork.cells.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/**
 * Writes enum constants by name rather than by ordinal, so constants may be added or reordered
 * without changing what stored bytes mean.
 */
final class EnumNameSerializer<E extends Enum<E>> extends Serializer<E> {
  private final Class<E> type;

  EnumNameSerializer(Class<E> type) {
    this.type = type;
    setImmutable(true);
  }

  @Override
  public void write(Kryo kryo, Output output, E constant) {
    output.writeString(constant.name());
  }

  @Override
  public E read(Kryo kryo, Input input, Class<? extends E> ignored) {
    return Enum.valueOf(type, input.readString());
  }
}
