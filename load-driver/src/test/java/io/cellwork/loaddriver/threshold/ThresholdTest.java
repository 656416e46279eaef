package io.cellwork.loaddriver.threshold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ThresholdTest {
  @Test
  void readsLatencyInAnyUnitAsMilliseconds() {
    assertEquals(50, Threshold.parse("p99<50ms").limit());
    assertEquals(1500, Threshold.parse("p999 <= 1.5s").limit());
    assertEquals(0.25, Threshold.parse("max<250us").limit());
    assertEquals(7, Threshold.parse("p50<7").limit());
  }

  @Test
  void readsErrorsAsARatioAndRatesAsPerSecond() {
    assertEquals(0.001, Threshold.parse("errors<0.1%").limit(), 1e-12);
    assertEquals(0.02, Threshold.parse("errors<0.02").limit(), 1e-12);
    Threshold rate = Threshold.parse("achievedRate>=900");
    assertEquals(900, rate.limit());
    assertTrue(rate.holds(900));
    assertFalse(rate.holds(899.9));
  }

  @Test
  void readsAGroup() {
    Threshold t = Threshold.parse("p99[task:small]<20ms");
    assertEquals("task:small", t.group());
    assertEquals("p99", t.metric());
  }

  @Test
  void rejectsWhatItCannotRead() {
    assertThrows(IllegalArgumentException.class, () -> Threshold.parse("p98<5ms"));
    assertThrows(IllegalArgumentException.class, () -> Threshold.parse("errors<5ms"));
    assertThrows(IllegalArgumentException.class, () -> Threshold.parse("achievedRate>5%"));
    assertThrows(IllegalArgumentException.class, () -> Threshold.parse("p99 < fast"));
  }
}
