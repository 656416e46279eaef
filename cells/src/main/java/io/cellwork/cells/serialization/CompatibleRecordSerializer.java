package io.cellwork.cells.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.cellwork.cells.hash.StableHash;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.Map;

/**
 * Serializes a record so that the schema may grow: each component is written as (name tag,
 * length, value). A reader skips components it does not know (written by a newer version) and
 * gives components missing from the bytes (written by an older version) their Java default:
 * {@code null}, {@code 0} or {@code false}; compact constructors turn those into real defaults.
 * Renaming or retyping a component is not compatible; adding one is.
 *
 * <p>Cost over Kryo's positional record serializer: a varint tag and a fixed 4-byte length per
 * component, and reflection through the accessors. Thread-safe once built (Kryo instances using
 * it are not shared between threads anyway).
 */
final class CompatibleRecordSerializer<T extends Record> extends Serializer<T> {
  private final Class<T> type;
  private final Component[] components;
  private final Map<Integer, Integer> indexByTag = new HashMap<>();
  private final Constructor<T> canonical;

  private record Component(String name, int tag, Class<?> type, Method accessor) {}

  CompatibleRecordSerializer(Class<T> type) {
    this.type = type;
    RecordComponent[] declared = type.getRecordComponents();
    this.components = new Component[declared.length];
    Class<?>[] parameterTypes = new Class<?>[declared.length];
    for (int i = 0; i < declared.length; i++) {
      RecordComponent rc = declared[i];
      Method accessor = rc.getAccessor();
      accessor.setAccessible(true);
      int tag = tagOf(rc.getName());
      if (indexByTag.put(tag, i) != null) {
        throw new IllegalArgumentException(type.getName() + ": component name tags collide at " + rc.getName());
      }
      components[i] = new Component(rc.getName(), tag, rc.getType(), accessor);
      parameterTypes[i] = rc.getType();
    }
    try {
      this.canonical = type.getDeclaredConstructor(parameterTypes);
      canonical.setAccessible(true);
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException(type.getName() + " has no canonical constructor", e);
    }
    setImmutable(true);
  }

  @Override
  public void write(Kryo kryo, Output output, T record) {
    output.writeVarInt(components.length, true);
    for (Component c : components) {
      output.writeVarInt(c.tag(), false);
      int lengthAt = output.position();
      output.writeInt(0);
      writeValue(kryo, output, c.type(), read(c, record));
      int end = output.position();
      output.setPosition(lengthAt);
      output.writeInt(end - lengthAt - Integer.BYTES);
      output.setPosition(end);
    }
  }

  @Override
  public T read(Kryo kryo, Input input, Class<? extends T> ignored) {
    Object[] args = new Object[components.length];
    int count = input.readVarInt(true);
    for (int n = 0; n < count; n++) {
      int tag = input.readVarInt(false);
      int length = input.readInt();
      Integer index = indexByTag.get(tag);
      if (index == null) {
        input.skip(length); // a component added by a newer version
      } else {
        args[index] = readValue(kryo, input, components[index].type());
      }
    }
    for (int i = 0; i < components.length; i++) {
      if (args[i] == null && components[i].type().isPrimitive()) {
        args[i] = defaultOf(components[i].type()); // a component this version added
      }
    }
    try {
      return canonical.newInstance(args);
    } catch (InvocationTargetException e) {
      throw new KryoException("cannot rebuild " + type.getName() + ": " + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new KryoException("cannot rebuild " + type.getName(), e);
    }
  }

  private static Object read(Component c, Record record) {
    try {
      return c.accessor().invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new KryoException("cannot read " + c.name(), e);
    }
  }

  private static void writeValue(Kryo kryo, Output output, Class<?> type, Object value) {
    if (type == long.class) {
      output.writeVarLong((Long) value, false);
    } else if (type == int.class) {
      output.writeVarInt((Integer) value, false);
    } else if (type == boolean.class) {
      output.writeBoolean((Boolean) value);
    } else if (type == double.class) {
      output.writeDouble((Double) value);
    } else if (type == float.class) {
      output.writeFloat((Float) value);
    } else if (type.isPrimitive()) {
      throw new KryoException("unsupported primitive component type " + type);
    } else {
      kryo.writeClassAndObject(output, value);
    }
  }

  private static Object readValue(Kryo kryo, Input input, Class<?> type) {
    if (type == long.class) {
      return input.readVarLong(false);
    } else if (type == int.class) {
      return input.readVarInt(false);
    } else if (type == boolean.class) {
      return input.readBoolean();
    } else if (type == double.class) {
      return input.readDouble();
    } else if (type == float.class) {
      return input.readFloat();
    }
    return kryo.readClassAndObject(input);
  }

  private static Object defaultOf(Class<?> primitive) {
    if (primitive == long.class) {
      return 0L;
    } else if (primitive == int.class) {
      return 0;
    } else if (primitive == boolean.class) {
      return false;
    } else if (primitive == float.class) {
      return 0f;
    }
    return 0.0;
  }

  /** A stable tag per component name: adding components never changes existing tags. */
  private static int tagOf(String name) {
    return (int) StableHash.of(name);
  }
}
