package io.cellwork.cells.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CellRouterTest {
  private final RouterSettings defaults = new RouterSettings(64, 2048);

  @Test
  void spreadsRandomKeysEvenlyOverTheCells() {
    CellRouter router = new CellRouter(defaults);
    Random random = new Random(42);
    int[] keysPerCell = new int[64];
    int keys = 100_000;
    for (int i = 0; i < keys; i++) {
      String tenant = "tenant-" + random.nextInt(50);
      String key = new UUID(random.nextLong(), random.nextLong()).toString();
      keysPerCell[router.cellFor(tenant, key)]++;
    }
    double mean = keys / 64.0;
    int fullest = Arrays.stream(keysPerCell).max().orElseThrow();
    assertTrue(fullest <= 1.15 * mean, "fullest cell holds " + fullest + " keys, mean " + mean);
    assertTrue(Arrays.stream(keysPerCell).allMatch(n -> n > 0), "every cell gets keys");
  }

  @Test
  void everyNodeComputesTheSameAnswer() {
    CellRouter one = new CellRouter(defaults);
    CellRouter other = new CellRouter(defaults);
    for (int i = 0; i < 10_000; i++) {
      assertEquals(one.cellFor("acme", "key-" + i), other.cellFor("acme", "key-" + i));
    }
  }

  @Test
  void placementDoesNotDependOnTheJvm() {
    // Pinned values: a change here means every stored key would move to another cell.
    CellRouter router = new CellRouter(defaults);
    assertEquals(63, router.cellFor("acme", "alice"));
    assertEquals(26, router.cellFor("acme", "bob"));
    assertEquals(32, router.cellFor("globex", "order-17"));
  }

  @Test
  void growingTheRingMovesAboutOneNthOfTheKeys() {
    CellRouter before = new CellRouter(new RouterSettings(64, 2048));
    CellRouter after = new CellRouter(new RouterSettings(65, 2048));
    int moved = 0;
    int keys = 20_000;
    for (int i = 0; i < keys; i++) {
      int from = before.cellFor("acme", "k" + i);
      int to = after.cellFor("acme", "k" + i);
      if (from != to) {
        moved++;
        assertEquals(64, to, "keys only move to the new cell");
      }
    }
    double share = (double) moved / keys;
    assertTrue(share > 0.5 / 65 && share < 2.0 / 65, "moved share " + share);
  }

}
