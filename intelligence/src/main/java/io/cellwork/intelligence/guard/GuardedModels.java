package io.cellwork.intelligence.guard;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The guarded models of one node, by name, for the API and the metrics. Registered once at start;
 * thread-safe.
 */
public final class GuardedModels {
  private final Map<String, GuardedModel<?>> byName = new ConcurrentSkipListMap<>();

  public GuardedModels register(GuardedModel<?> model) {
    if (byName.putIfAbsent(model.name(), model) != null) {
      throw new IllegalArgumentException("a model named " + model.name() + " is already registered");
    }
    return this;
  }

  public Optional<GuardedModel<?>> get(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** In name order. */
  public Collection<GuardedModel<?>> all() {
    return List.copyOf(byName.values());
  }
}
