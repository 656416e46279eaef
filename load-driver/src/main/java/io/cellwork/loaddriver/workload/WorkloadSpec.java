package io.cellwork.loaddriver.workload;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the requests of a run look like, read from a scenario's {@code workload} block: raw requests
 * to a fixed path (for bare-endpoint benchmarks), or Cellwork tasks whose tenant, key, task kind and
 * size, priority and durability are drawn from the configured distributions and mixes.
 *
 * @param raw true to send {@code rawMethod rawPath} with no body instead of tasks
 * @param waitForResult submit with {@code ?wait=true}, so the answer carries the final status
 * @param celebrityShare the fraction of tasks that go to {@code celebrityTenant} (0 for none)
 * @param deadlineMs the tasks' deadline, 0 for none
 */
public record WorkloadSpec(
    boolean raw,
    String rawMethod,
    String rawPath,
    boolean waitForResult,
    String tenantPrefix,
    Popularity tenants,
    String keyPrefix,
    Popularity keys,
    String celebrityTenant,
    double celebrityShare,
    WeightedChoice<TaskTemplate> tasks,
    WeightedChoice<String> priorities,
    WeightedChoice<String> durabilities,
    long deadlineMs) {

  public WorkloadSpec {
    if (celebrityShare < 0 || celebrityShare > 1) {
      throw new IllegalArgumentException("workload.celebrity.share must be between 0 and 1, not " + celebrityShare);
    }
  }

  public static WorkloadSpec create(Config w) {
    List<TaskTemplate> templates = new ArrayList<>();
    for (Config t : w.getConfigList("tasks")) {
      Map<String, Object> params = new LinkedHashMap<>();
      if (t.hasPath("params")) {
        for (Map.Entry<String, ConfigValue> p : t.getConfig("params").root().entrySet()) {
          params.put(p.getKey(), p.getValue().unwrapped());
        }
      }
      templates.add(new TaskTemplate(t.getString("name"), t.getDouble("weight"), t.getString("kind"), params));
    }
    Map<TaskTemplate, Double> taskWeights = new LinkedHashMap<>();
    templates.forEach(t -> taskWeights.put(t, t.weight()));
    return new WorkloadSpec(
        w.getString("request").equals("raw"),
        w.getString("raw.method"),
        w.getString("raw.path"),
        w.getBoolean("wait"),
        w.getString("tenants.prefix"),
        popularity(w.getConfig("tenants")),
        w.getString("keys.prefix"),
        popularity(w.getConfig("keys")),
        w.getString("celebrity.tenant"),
        w.getDouble("celebrity.share"),
        new WeightedChoice<>(taskWeights),
        mix(w.getConfig("priorities")),
        mix(w.getConfig("durabilities")),
        w.getLong("deadline-ms"));
  }

  private static Popularity popularity(Config c) {
    String distribution = c.getString("distribution");
    return switch (distribution) {
      case "uniform" -> new Popularity(c.getInt("count"), 0);
      case "zipf" -> new Popularity(c.getInt("count"), c.getDouble("zipf-exponent"));
      default -> throw new IllegalArgumentException("distribution must be uniform or zipf, not " + distribution);
    };
  }

  private static WeightedChoice<String> mix(Config c) {
    Map<String, Double> weights = new LinkedHashMap<>();
    c.root().keySet().forEach(k -> weights.put(k, c.getDouble(k)));
    return new WeightedChoice<>(weights);
  }
}
