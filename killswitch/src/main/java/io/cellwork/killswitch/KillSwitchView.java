package io.cellwork.killswitch;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable snapshot of the engaged switches, indexed by scope so that a check is a handful of
 * hash lookups whatever the number of switches. Holders publish a new view on every change and
 * readers take the current one with a plain volatile read: the hot path never locks.
 */
public final class KillSwitchView {
  public static final KillSwitchView EMPTY = new KillSwitchView(List.of());

  private final List<KillSwitch> all;
  private final List<KillSwitch> global = new ArrayList<>();
  private final Map<String, List<KillSwitch>> byNode = new HashMap<>();
  private final Map<Integer, List<KillSwitch>> byCell = new HashMap<>();
  private final Map<String, List<KillSwitch>> byTenant = new HashMap<>();
  private final Map<String, List<KillSwitch>> byKind = new HashMap<>();
  private final Map<String, List<KillSwitch>> byAutomation = new HashMap<>();
  private final Map<String, List<KillSwitch>> byModel = new HashMap<>();

  private KillSwitchView(Collection<KillSwitch> switches) {
    this.all = List.copyOf(switches);
    for (KillSwitch s : all) {
      Scope scope = s.scope();
      if (scope instanceof Scope.Global) {
        global.add(s);
      } else if (scope instanceof Scope.Node n) {
        byNode.computeIfAbsent(n.hostPort(), k -> new ArrayList<>(1)).add(s);
      } else if (scope instanceof Scope.Cell c) {
        byCell.computeIfAbsent(c.cell(), k -> new ArrayList<>(1)).add(s);
      } else if (scope instanceof Scope.Tenant t) {
        byTenant.computeIfAbsent(t.tenant(), k -> new ArrayList<>(1)).add(s);
      } else if (scope instanceof Scope.Kind k) {
        byKind.computeIfAbsent(k.kind(), x -> new ArrayList<>(1)).add(s);
      } else if (scope instanceof Scope.Automation a) {
        byAutomation.computeIfAbsent(a.name(), x -> new ArrayList<>(1)).add(s);
      } else if (scope instanceof Scope.Model m) {
        byModel.computeIfAbsent(m.name(), x -> new ArrayList<>(1)).add(s);
      }
    }
  }

  public static KillSwitchView of(Collection<KillSwitch> switches) {
    return switches.isEmpty() ? EMPTY : new KillSwitchView(switches);
  }

  public List<KillSwitch> all() {
    return all;
  }

  public boolean isEmpty() {
    return all.isEmpty();
  }

  /** The most severe switch active at {@code now} that covers the task, or {@code null}. */
  public KillSwitch covering(TaskTarget task, long now) {
    if (all.isEmpty()) {
      return null;
    }
    KillSwitch worst = mostSevere(global, null, now);
    worst = mostSevere(byNode.get(task.node()), worst, now);
    worst = mostSevere(byCell.get(task.cell()), worst, now);
    worst = mostSevere(byTenant.get(task.tenant()), worst, now);
    return mostSevere(byKind.get(task.kind()), worst, now);
  }

  /** The switch stopping automation {@code name} (or everything), or {@code null}. */
  public KillSwitch coveringAutomation(String name, long now) {
    return all.isEmpty() ? null : mostSevere(byAutomation.get(name), mostSevere(global, null, now), now);
  }

  /** The switch forcing model {@code name} onto its fallback, or {@code null}. */
  public KillSwitch coveringModel(String name, long now) {
    return all.isEmpty() ? null : mostSevere(byModel.get(name), null, now);
  }

  private static KillSwitch mostSevere(List<KillSwitch> candidates, KillSwitch current, long now) {
    if (candidates == null) {
      return current;
    }
    KillSwitch worst = current;
    for (KillSwitch s : candidates) {
      if (s.isActiveAt(now) && (worst == null || s.mode().compareTo(worst.mode()) > 0)) {
        worst = s;
      }
    }
    return worst;
  }
}
