package io.cellwork.cells.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Serializers for the JDK's immutable collections ({@code List.of}, {@code Map.copyOf}, ...),
 * which have no constructor Kryo could use. They read back as the same kind of immutable
 * collection.
 */
final class ImmutableCollectionSerializers {
  private ImmutableCollectionSerializers() {}

  static final class ListSerializer extends Serializer<List<Object>> {
    ListSerializer() {
      setImmutable(true);
    }

    @Override
    public void write(Kryo kryo, Output output, List<Object> list) {
      output.writeVarInt(list.size(), true);
      for (Object element : list) {
        kryo.writeClassAndObject(output, element);
      }
    }

    @Override
    public List<Object> read(Kryo kryo, Input input, Class<? extends List<Object>> type) {
      int size = input.readVarInt(true);
      Object[] elements = new Object[size];
      for (int i = 0; i < size; i++) {
        elements[i] = kryo.readClassAndObject(input);
      }
      return List.of(elements);
    }
  }

  static final class SetSerializer extends Serializer<Set<Object>> {
    SetSerializer() {
      setImmutable(true);
    }

    @Override
    public void write(Kryo kryo, Output output, Set<Object> set) {
      output.writeVarInt(set.size(), true);
      for (Object element : set) {
        kryo.writeClassAndObject(output, element);
      }
    }

    @Override
    public Set<Object> read(Kryo kryo, Input input, Class<? extends Set<Object>> type) {
      int size = input.readVarInt(true);
      Object[] elements = new Object[size];
      for (int i = 0; i < size; i++) {
        elements[i] = kryo.readClassAndObject(input);
      }
      return Set.of(elements);
    }
  }

  static final class MapSerializer extends Serializer<Map<Object, Object>> {
    MapSerializer() {
      setImmutable(true);
    }

    @Override
    public void write(Kryo kryo, Output output, Map<Object, Object> map) {
      output.writeVarInt(map.size(), true);
      for (Map.Entry<Object, Object> entry : map.entrySet()) {
        kryo.writeClassAndObject(output, entry.getKey());
        kryo.writeClassAndObject(output, entry.getValue());
      }
    }

    @Override
    public Map<Object, Object> read(Kryo kryo, Input input, Class<? extends Map<Object, Object>> type) {
      int size = input.readVarInt(true);
      Map<Object, Object> read = new HashMap<>(size * 2);
      for (int i = 0; i < size; i++) {
        read.put(kryo.readClassAndObject(input), kryo.readClassAndObject(input));
      }
      return Map.copyOf(read);
    }
  }
}
