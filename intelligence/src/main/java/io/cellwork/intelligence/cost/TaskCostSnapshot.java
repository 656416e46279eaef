package io.cellwork.intelligence.cost;

import io.cellwork.intelligence.ScalarModel;
import java.util.Map;

/**
 * A {@link TaskCostModel} frozen at one moment: an immutable map per size class, so any number of cells
 * may predict with it concurrently while the guard actor trains the live model. O(1) per call,
 * no allocation.
 */
public final class TaskCostSnapshot implements ScalarModel<CostFeatures> {
  /** Knows no kind yet: answers with the declared time. */
  public static final TaskCostSnapshot EMPTY = new TaskCostSnapshot(Map.of());

  private final Map<String, TaskCostModel.Estimate> byKind;

  TaskCostSnapshot(Map<String, TaskCostModel.Estimate> byKind) {
    this.byKind = byKind;
  }

  @Override
  public String name() {
    return TaskCostModel.NAME;
  }

  @Override
  public String version() {
    return TaskCostModel.VERSION;
  }

  @Override
  public double predictValue(CostFeatures features) {
    TaskCostModel.Estimate e = byKind.get(features.sizeClass());
    if (e == null || e.observations() < TaskCostModel.WARM_UP) {
      e = byKind.get(features.kind());
    }
    return e == null
        ? features.declaredMillis()
        : TaskCostModel.estimateMillis(features, e.meanRatio(), e.meanMillis(), e.observations());
  }

  /** Kinds it has an estimate for. */
  public int kinds() {
    return byKind.size();
  }
}
