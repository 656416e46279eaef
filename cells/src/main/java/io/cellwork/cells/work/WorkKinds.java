package io.cellwork.cells.work;

import io.cellwork.cells.work.builtin.CpuWork;
import io.cellwork.cells.work.builtin.EchoWork;
import io.cellwork.cells.work.builtin.FailWork;
import io.cellwork.cells.work.builtin.SleepWork;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The registry of work handlers by kind: the built-ins plus those named in configuration. */
public final class WorkKinds {
  private final Map<String, WorkHandler> byKind;

  private WorkKinds(Map<String, WorkHandler> byKind) {
    this.byKind = Map.copyOf(byKind);
  }

  public static WorkKinds builtIn() {
    return of(List.of());
  }

  /** The built-ins plus {@code extra}; a kind may not be registered twice. */
  public static WorkKinds of(Collection<WorkHandler> extra) {
    Map<String, WorkHandler> byKind = new LinkedHashMap<>();
    for (WorkHandler handler :
        List.of(new EchoWork(), new CpuWork(), new SleepWork(), new FailWork())) {
      byKind.put(handler.kind(), handler);
    }
    for (WorkHandler handler : extra) {
      if (byKind.putIfAbsent(handler.kind(), handler) != null) {
        throw new IllegalArgumentException("work kind registered twice: " + handler.kind());
      }
    }
    return new WorkKinds(byKind);
  }

  /** Instantiates handler classes by name, as listed in {@code cellwork.cells.work.handlers}. */
  public static WorkKinds withHandlerClasses(Collection<String> classNames) {
    List<WorkHandler> handlers =
        classNames.stream().map(WorkKinds::instantiate).toList();
    return of(handlers);
  }

  public Optional<WorkHandler> handler(String kind) {
    return Optional.ofNullable(byKind.get(kind));
  }

  public Set<String> kinds() {
    return byKind.keySet();
  }

  private static WorkHandler instantiate(String className) {
    try {
      return Class.forName(className)
          .asSubclass(WorkHandler.class)
          .getDeclaredConstructor()
          .newInstance();
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new IllegalArgumentException("cannot create work handler " + className, e);
    }
  }
}
