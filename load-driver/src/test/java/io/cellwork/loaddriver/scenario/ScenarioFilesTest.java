package io.cellwork.loaddriver.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellwork.loaddriver.engine.RateProfile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioFilesTest {
  private static final Path HOME = Path.of("..");

  @Test
  void everyShippedScenarioParsesAndNamesItsRunner() {
    List<String> names = Scenario.available(HOME);
    assertTrue(names.containsAll(List.of("baseline", "bank", "kill-switch", "node-crash", "hot-partition",
        "head-of-line", "thundering-herd", "usl-sweep")), names.toString());
    for (String name : names) {
      Scenario s = Scenario.load(HOME, name, List.of());
      assertEquals(name, s.name());
      ScenarioRunner.forName(s.runner());
    }
  }

  @Test
  void commandLineOverridesWinOverTheFile() {
    Scenario s = Scenario.load(HOME, "baseline", List.of("load.rate=1234", "workload.keys.distribution=zipf",
        "load.profile=step", "load.steps=[{rate=10,duration=2s},{rate=20,duration=3s}]"));
    assertEquals(5_000, s.plan().duration().toMillis());
    assertEquals(20, s.plan().profile().rateAt(2.5));
    assertTrue(s.workload().keys().zipfExponent() > 0);
    Scenario r = Scenario.load(HOME, "baseline", List.of("load.rate=1234"));
    assertEquals(new RateProfile.Constant(1234), r.plan().profile());
  }

  @Test
  void badValuesAreRefusedWithTheirName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Scenario.load(HOME, "baseline", List.of("load.mode=sideways")));
    assertTrue(e.getMessage().contains("load.mode"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Scenario.load(HOME, "baseline", List.of("workload.celebrity.share=2")));
    assertThrows(IllegalArgumentException.class, () -> Scenario.load(HOME, "baseline", List.of("nonsense")));
  }
}
