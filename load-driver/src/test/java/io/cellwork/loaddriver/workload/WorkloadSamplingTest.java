package io.cellwork.loaddriver.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.cellwork.loaddriver.scenario.Scenario;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Sampling matches the spec within statistical tolerance (fixed seeds, 100,000 draws). */
class WorkloadSamplingTest {
  private static final int DRAWS = 100_000;

  private static TaskSampler sampler(String workload) {
    Scenario s = Scenario.fromConfig(ConfigFactory.parseString("workload {" + workload + "}"));
    return new TaskSampler(s.workload(), "t-");
  }

  @Test
  void zipfTenantsAreSkewedAsTheLawSays() {
    TaskSampler sampler = sampler("tenants { count = 100, distribution = zipf, zipf-exponent = 1.0 }");
    Map<String, Integer> counts = new HashMap<>();
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < DRAWS; i++) {
      counts.merge(sampler.next(random).tenant(), 1, Integer::sum);
    }
    double harmonic = 0;
    for (int k = 1; k <= 100; k++) {
      harmonic += 1.0 / k;
    }
    // P(rank 1) = 1/H(100) ~ 0.193; P(rank 2) is half of it.
    assertEquals(1 / harmonic, counts.get("tenant-0") / (double) DRAWS, 0.01);
    assertEquals(0.5 / harmonic, counts.get("tenant-1") / (double) DRAWS, 0.01);
  }

  @Test
  void uniformKeysAreFlat() {
    TaskSampler sampler = sampler("keys { count = 10 }");
    Map<String, Integer> counts = new HashMap<>();
    SplittableRandom random = new SplittableRandom(2);
    for (int i = 0; i < DRAWS; i++) {
      counts.merge(sampler.next(random).key(), 1, Integer::sum);
    }
    assertEquals(10, counts.size());
    counts.values().forEach(c -> assertEquals(0.1, c / (double) DRAWS, 0.01));
  }

  @Test
  void theCelebrityGetsItsShare() {
    TaskSampler sampler = sampler("celebrity { tenant = star, share = 0.3 }");
    SplittableRandom random = new SplittableRandom(3);
    int star = 0;
    for (int i = 0; i < DRAWS; i++) {
      PlannedTask task = sampler.next(random);
      if (task.celebrity()) {
        assertEquals("star", task.tenant());
        star++;
      }
    }
    assertEquals(0.3, star / (double) DRAWS, 0.01);
  }

  @Test
  void aBimodalMixIsNinetyNineToOneAndPrioritiesFollowTheirWeights() {
    TaskSampler sampler = sampler("tasks = [{ name = small, weight = 99, kind = sleep, params { millis = 1 } },"
        + " { name = large, weight = 1, kind = sleep, params { millis = 100 } }]\n"
        + "priorities { critical = 1, normal = 3 }");
    SplittableRandom random = new SplittableRandom(4);
    int large = 0;
    int critical = 0;
    for (int i = 0; i < DRAWS; i++) {
      PlannedTask task = sampler.next(random);
      if (task.template().name().equals("large")) {
        large++;
        assertEquals(100L, ((Number) task.template().params().get("millis")).longValue());
      }
      critical += task.priority().equals("critical") ? 1 : 0;
    }
    assertEquals(0.01, large / (double) DRAWS, 0.002);
    assertEquals(0.25, critical / (double) DRAWS, 0.01);
  }

  @Test
  void theTaskBodyIsWhatTheApiExpects() throws Exception {
    TaskSampler sampler = sampler("tasks = [{ name = s, weight = 1, kind = sleep, params { millis = 5, note = \"a\\\"b\" } }]");
    PlannedTask task = sampler.next(new SplittableRandom(5));
    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(TaskJson.body(task, 2000));
    assertEquals("t-1", json.path("id").asText());
    assertEquals("sleep", json.path("kind").asText());
    assertEquals(5, json.path("params").path("millis").asInt());
    assertEquals("a\"b", json.path("params").path("note").asText());
    assertEquals(2000, json.path("deadlineMs").asInt());
    assertTrue(json.path("tenant").asText().startsWith("tenant-"));
  }
}
