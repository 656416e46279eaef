package io.cellwork.loaddriver.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import io.cellwork.loaddriver.engine.EngineSettings;
import io.cellwork.loaddriver.engine.LoadPlan;
import io.cellwork.loaddriver.engine.RateProfile;
import io.cellwork.loaddriver.engine.Target;
import io.cellwork.loaddriver.workload.WorkloadSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A scenario, read once from its HOCON file under {@code conf/scenarios/} with the driver's
 * defaults ({@code cellwork.load-driver.scenario} in reference.conf) underneath and command-line
 * overrides on top, into validated settings. {@link #config} keeps the whole tree for the runner's
 * own block ({@code bank}, {@code kill-switch} ...).
 */
public record Scenario(String name, String description, String runner, List<Target> targets, LoadPlan plan,
    EngineSettings engine, WorkloadSpec workload, List<String> groups, List<String> thresholds, String token,
    Config config) {

  public static final String DEFAULTS_PATH = "cellwork.load-driver.scenario";

  /** The scenario files shipped in {@code home/conf/scenarios}, by name. */
  public static List<String> available(Path home) {
    Path dir = home.resolve("conf/scenarios");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".conf"))
          .map(n -> n.substring(0, n.length() - ".conf".length())).sorted().toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * @param nameOrFile a scenario name (a file in {@code home/conf/scenarios}) or a path to a file
   * @param overrides HOCON assignments, e.g. {@code load.rate=2000}, applied in order
   */
  public static Scenario load(Path home, String nameOrFile, List<String> overrides) {
    Path file = home.resolve("conf/scenarios").resolve(nameOrFile + ".conf");
    if (!Files.isRegularFile(file)) {
      file = Path.of(nameOrFile);
    }
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no scenario " + nameOrFile + " (known: " + String.join(", ", available(home)) + ")");
    }
    Config parsed = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
    return fromConfig(applyOverrides(parsed, overrides));
  }

  static Config applyOverrides(Config base, List<String> overrides) {
    Config result = base;
    for (String assignment : overrides) {
      int eq = assignment.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("--set needs key=value, not " + assignment);
      }
      String key = assignment.substring(0, eq).trim();
      String value = assignment.substring(eq + 1).trim();
      Config one;
      try {
        one = ConfigFactory.parseString(key + " = " + value);
      } catch (ConfigException e) {
        one = ConfigFactory.parseString(key + " = " + com.typesafe.config.ConfigUtil.quoteString(value));
      }
      result = one.withFallback(result);
    }
    return result;
  }

  /** Validates a scenario tree (file plus overrides, without the defaults). */
  public static Scenario fromConfig(Config scenario) {
    Config c = scenario.withFallback(ConfigFactory.defaultReference().getConfig(DEFAULTS_PATH)).resolve();
    try {
      return new Scenario(c.getString("name"), c.getString("description"), c.getString("runner"),
          Target.parseList(c.getString("targets")), plan(c.getConfig("load")), EngineSettings.create(c.getConfig("engine")),
          WorkloadSpec.create(c.getConfig("workload")), c.getStringList("groups"), c.getStringList("thresholds"),
          c.getString("token"), c);
    } catch (ConfigException e) {
      throw new IllegalArgumentException("scenario: " + e.getMessage(), e);
    }
  }

  static LoadPlan plan(Config load) {
    String mode = load.getString("mode");
    if (!mode.equals("open") && !mode.equals("closed")) {
      throw new IllegalArgumentException("load.mode must be open or closed, not " + mode);
    }
    String arrivals = load.getString("arrivals");
    if (!arrivals.equals("constant") && !arrivals.equals("poisson")) {
      throw new IllegalArgumentException("load.arrivals must be constant or poisson, not " + arrivals);
    }
    RateProfile profile = switch (load.getString("profile")) {
      case "constant" -> new RateProfile.Constant(positive(load.getDouble("rate"), "load.rate"));
      case "step" -> {
        List<RateProfile.Step> steps = new ArrayList<>();
        for (Config step : load.getConfigList("steps")) {
          steps.add(new RateProfile.Step(step.getDouble("rate"), step.getDuration("duration").toMillis() / 1000.0));
        }
        yield new RateProfile.Steps(steps);
      }
      case "ramp" -> new RateProfile.Ramp(load.getDouble("ramp.from"), load.getDouble("ramp.to"),
          load.getDuration("ramp.duration").toMillis() / 1000.0);
      default -> throw new IllegalArgumentException("load.profile must be constant, step or ramp");
    };
    // A staircase lasts as long as its steps; a ramp holds its end rate until load.duration.
    java.time.Duration duration = profile instanceof RateProfile.Steps && mode.equals("open")
        ? java.time.Duration.ofMillis(Math.round(profile.naturalSeconds() * 1000))
        : load.getDuration("duration");
    return new LoadPlan(mode.equals("open"), arrivals.equals("poisson"), profile, load.getInt("concurrency"), duration,
        load.getLong("max-requests"), load.getDuration("drain"));
  }

  private static double positive(double value, String field) {
    if (!(value > 0)) {
      throw new IllegalArgumentException(field + " must be > 0, not " + value);
    }
    return value;
  }
}
