package io.cellwork.cells.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.serializers.DefaultSerializers;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Builds identically configured {@link Kryo} instances: registration is required and every class
 * has an explicit, permanent id, so bytes written by one node or one version mean the same to the
 * next. Records get {@link CompatibleRecordSerializer} (fields may be added), enums are written
 * by name, and the JDK's immutable collections, UUIDs and typed actor references have
 * serializers of their own.
 *
 * <p>Application classes and their ids come from {@code cellwork.serialization.kryo.classes}
 * (fully qualified name to id, ids from {@value #FIRST_APPLICATION_ID}); each module's {@code
 * reference.conf} adds its own, so lower modules need no compile-time access to this class.
 */
public final class KryoFactory {
  public static final int FIRST_APPLICATION_ID = 100;
  private static final String TYPED_ACTOR_REF_CLASS =
      "org.apache.pekko.actor.typed.internal.adapter.ActorRefAdapter";

  private final Map<Integer, Class<?>> applicationClasses;
  private final Serializer<?> actorRefSerializer;

  private KryoFactory(Map<Integer, Class<?>> applicationClasses, Serializer<?> actorRefSerializer) {
    this.applicationClasses = applicationClasses;
    this.actorRefSerializer = actorRefSerializer;
  }

  /**
   * @param actorRefSerializer how to write typed actor references, or null where there is no
   *     actor system (such references then fail to serialize)
   */
  static KryoFactory fromConfig(Config kryo, Serializer<?> actorRefSerializer) {
    return new KryoFactory(classesById(kryo.getConfig("classes")), actorRefSerializer);
  }

  /** For tests and tools: a factory from an explicit id-to-class table, without actor refs. */
  public static KryoFactory of(Map<Integer, Class<?>> applicationClasses) {
    validateIds(applicationClasses);
    return new KryoFactory(new TreeMap<>(applicationClasses), null);
  }

  public Kryo create() {
    Kryo kryo = new Kryo();
    kryo.setRegistrationRequired(true);
    kryo.setReferences(false); // messages and events are trees; no cycles, no shared nodes
    registerPlatformClasses(kryo);
    for (Map.Entry<Integer, Class<?>> entry : applicationClasses.entrySet()) {
      kryo.register(entry.getValue(), serializerFor(entry.getValue()), entry.getKey());
    }
    return kryo;
  }

  private void registerPlatformClasses(Kryo kryo) {
    kryo.register(ArrayList.class, 20);
    kryo.register(HashMap.class, 21);
    kryo.register(LinkedHashMap.class, 22);
    Serializer<?> lists = new ImmutableCollectionSerializers.ListSerializer();
    kryo.register(List.of(1).getClass(), lists, 23);
    kryo.register(List.of(1, 2, 3).getClass(), lists, 24);
    Serializer<?> maps = new ImmutableCollectionSerializers.MapSerializer();
    kryo.register(Map.of(1, 1).getClass(), maps, 25);
    kryo.register(Map.of(1, 1, 2, 2).getClass(), maps, 26);
    kryo.register(UUID.class, new DefaultSerializers.UUIDSerializer(), 27);
    Serializer<?> sets = new ImmutableCollectionSerializers.SetSerializer();
    kryo.register(Set.of(1).getClass(), sets, 29);
    kryo.register(Set.of(1, 2, 3).getClass(), sets, 30);
    kryo.register(HashSet.class, 31);
    if (actorRefSerializer != null) {
      kryo.register(loadClass(TYPED_ACTOR_REF_CLASS), actorRefSerializer, 28);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Serializer<?> serializerFor(Class<?> type) {
    if (type.isRecord()) {
      return new CompatibleRecordSerializer(type);
    }
    if (type.isEnum()) {
      return new EnumNameSerializer(type);
    }
    throw new IllegalArgumentException(
        type.getName() + " is neither a record nor an enum; messages and events must be one of those");
  }

  private static Map<Integer, Class<?>> classesById(Config classes) {
    Map<Integer, Class<?>> byId = new TreeMap<>();
    for (Map.Entry<String, ConfigValue> entry : classes.root().entrySet()) {
      int id = ((Number) entry.getValue().unwrapped()).intValue();
      Class<?> previous = byId.put(id, loadClass(entry.getKey()));
      if (previous != null) {
        throw new IllegalArgumentException(
            "kryo id " + id + " is given to both " + previous.getName() + " and " + entry.getKey());
      }
    }
    validateIds(byId);
    return byId;
  }

  private static void validateIds(Map<Integer, Class<?>> byId) {
    for (int id : byId.keySet()) {
      if (id < FIRST_APPLICATION_ID) {
        throw new IllegalArgumentException("kryo ids below " + FIRST_APPLICATION_ID + " are reserved, got " + id);
      }
    }
  }

  private static Class<?> loadClass(String name) {
    try {
      return Class.forName(name, false, KryoFactory.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException("kryo registration names a missing class: " + name, e);
    }
  }
}
