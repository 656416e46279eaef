package io.cellwork.intelligence.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class TaskCostModelTest {
  private static final double TOLERANCE = 1e-9;

  @Test
  void answersWithTheDeclaredCostUntilItHasSeenEnough() {
    TaskCostModel model = new TaskCostModel();
    CostFeatures sleep10 = new CostFeatures("sleep", 10);
    for (int i = 0; i < TaskCostModel.WARM_UP - 1; i++) {
      model.learnMillis(sleep10, 12);
    }
    assertEquals(10, model.predictMillis(sleep10), TOLERANCE);
    model.learnMillis(sleep10, 12);
    assertEquals(12, model.predictMillis(sleep10), TOLERANCE);
  }

  @Test
  void learnsTheRatioOfMeasuredToDeclaredPerKind() {
    TaskCostModel model = new TaskCostModel();
    for (int i = 0; i < 200; i++) {
      model.learnMillis(new CostFeatures("cpu", 4), 6); // this machine runs cpu work 1.5x slower
    }
    assertEquals(30, model.predictMillis(new CostFeatures("cpu", 20)), 1e-6);
    assertEquals(0, model.predictMillis(new CostFeatures("echo", 0)), TOLERANCE, "an unseen kind declares nothing");
  }

  @Test
  void sizesOfOneKindAreLearnedApart() {
    // sleep 1 ms costs ~25 ms here (timer ticks, messages), sleep 1 s costs ~1 s: one per-kind
    // ratio would average them and call the short sleeps large (and the long ones huge).
    TaskCostModel model = new TaskCostModel();
    CostFeatures shortSleep = new CostFeatures("sleep", 1);
    CostFeatures longSleep = new CostFeatures("sleep", 1000);
    for (int i = 0; i < 300; i++) {
      model.learnMillis(shortSleep, 25);
      model.learnMillis(longSleep, 1000);
    }
    assertEquals(25, model.predictMillis(shortSleep), 1e-6);
    assertEquals(1000, model.predictMillis(longSleep), 1e-6);
    assertEquals(25, model.snapshot().predictValue(shortSleep), 1e-6, "the snapshot serves the same");
    assertNotEquals(new CostFeatures("sleep", 1).sizeClass(), new CostFeatures("sleep", 2).sizeClass());
    assertEquals(new CostFeatures("sleep", 600).sizeClass(), new CostFeatures("sleep", 1000).sizeClass());
  }

  @Test
  void kindsThatDeclareNothingAreLearnedFromTheirMeasuredTime() {
    TaskCostModel model = new TaskCostModel();
    for (int i = 0; i < 500; i++) {
      model.learnMillis(new CostFeatures("echo", 0), 0.02);
    }
    assertEquals(0.02, model.predictMillis(new CostFeatures("echo", 0)), 1e-9);
  }

  @Test
  void followsAChangeInServiceTime() {
    TaskCostModel model = new TaskCostModel();
    CostFeatures io = new CostFeatures("sleep", 10);
    for (int i = 0; i < 100; i++) {
      model.learnMillis(io, 10);
    }
    for (int i = 0; i < 100; i++) {
      model.learnMillis(io, 20); // the backend got twice as slow
    }
    assertEquals(20, model.predictMillis(io), 0.1);
  }
}
