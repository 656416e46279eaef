package io.cellwork.benchmarks;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.cellwork.cells.Cells;
import io.cellwork.cells.cell.Cell;
import io.cellwork.cells.cell.ShardedCellDirectory;
import io.cellwork.cells.journal.JournalSchema;
import io.cellwork.cells.routing.CellRouter;
import io.cellwork.cells.routing.RouterSettings;
import io.cellwork.cells.task.Durability;
import io.cellwork.cells.task.Priority;
import io.cellwork.cells.task.TaskSpec;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;

/**
 * The data plane's throughput, each figure as a ratio to a baseline measured in the same run on
 * the same actor system and the same journal:
 *
 * <ol>
 *   <li>transient {@code echo} tasks through router and cell, against raw messages to sharded
 *       entities that only answer (no router, no admission, no queues);
 *   <li>durable task acceptance on H2 (acknowledged once journaled; the echo's completion is
 *       journaled too), against a plain {@code EventSourcedBehavior} persisting one event per
 *       command, and against raw batched JDBC inserts into the same database.
 * </ol>
 *
 * Each round measures a scenario and its baseline back to back, so both see the same machine;
 * the ratio reported is the median of the rounds' ratios (the rates shown are medians too).
 * Run with {@code bin/bench}.
 */
public final class CellThroughputBenchmark {
  private static final int CELLS = 64;
  private static final int PUMPS = 4;
  private static final int ROUNDS = 5;

  private final ActorSystem<Void> system;
  private final CellRouter router;
  private final ShardedCellDirectory cells;
  private final List<EntityRef<Baselines.Ping>> rawEntities = new ArrayList<>();
  private final List<EntityRef<Baselines.Append>> rawJournals = new ArrayList<>();
  private final String[] keys = new String[4096];
  private long runCounter;

  private CellThroughputBenchmark(ActorSystem<Void> system) {
    this.system = system;
    Cells.start(system, new PrometheusRegistry());
    ClusterSharding sharding = ClusterSharding.get(system);
    this.cells = new ShardedCellDirectory(sharding, CELLS);
    this.router = new CellRouter(RouterSettings.fromConfig(system.settings().config().getConfig("cellwork.cells.router")));
    sharding.init(Entity.of(Baselines.RAW_ENTITY, ctx -> Baselines.rawEntity())
        .withMessageExtractor(new Baselines.ShardPerEntity<>()));
    sharding.init(Entity.of(Baselines.RAW_JOURNAL, ctx -> new Baselines.RawJournal(ctx.getEntityId()))
        .withMessageExtractor(new Baselines.ShardPerEntity<>()));
    for (int i = 0; i < CELLS; i++) {
      rawEntities.add(sharding.entityRefFor(Baselines.RAW_ENTITY, Integer.toString(i)));
      rawJournals.add(sharding.entityRefFor(Baselines.RAW_JOURNAL, Integer.toString(i)));
    }
    for (int i = 0; i < keys.length; i++) {
      keys[i] = "key-" + i;
    }
  }

  public static void main(String[] args) throws Exception {
    Path home = Path.of(System.getProperty("cellwork.home", "")).toAbsolutePath();
    Path dir = home.resolve("var/bench");
    deleteRecursively(dir.resolve("h2"));
    Files.createDirectories(dir);
    Config config = benchConfig(home, dir);
    JournalSchema.ensure(config);
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "bench", config);
    try {
      joinSelf(system);
      if (args.length == 2 && args[0].equals("--profile")) {
        new CellThroughputBenchmark(system).profile(args[1]);
        return;
      }
      List<Result> results = new CellThroughputBenchmark(system).runAll(config);
      report(results, dir.resolve("cells-" + Instant.now().toString().replace(':', '-') + ".json"));
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get();
    }
  }

  private List<Result> runAll(Config config) throws Exception {
    long transientPerPump = 200_000;
    long durablePerPump = 20_000;
    // Transient scenarios first, durable ones after: the durable rounds leave retained tasks on
    // the heap, which would tax whichever transient round ran after them.
    double[] raw = new double[ROUNDS];
    double[] echo = new double[ROUNDS];
    System.err.println("transient: warming up ...");
    measure(this::rawTell, transientPerPump, 256, Baselines.Pong.class);
    measure(this::transientEcho, transientPerPump, 256, Cell.Accepted.class);
    for (int round = 0; round < ROUNDS; round++) {
      System.err.println("transient: round " + (round + 1) + " of " + ROUNDS + " ...");
      raw[round] = measure(this::rawTell, transientPerPump, 256, Baselines.Pong.class);
      echo[round] = measure(this::transientEcho, transientPerPump, 256, Cell.Accepted.class);
    }
    double[] plain = new double[ROUNDS];
    double[] durable = new double[ROUNDS];
    System.err.println("durable: warming up ...");
    measure(this::rawAppend, durablePerPump / 4, 500, Baselines.Appended.class);
    measure(this::durableEcho, durablePerPump / 4, 500, Cell.Accepted.class);
    for (int round = 0; round < ROUNDS; round++) {
      System.err.println("durable: round " + (round + 1) + " of " + ROUNDS + " ...");
      plain[round] = measure(this::rawAppend, durablePerPump, 500, Baselines.Appended.class);
      durable[round] = measure(this::durableEcho, durablePerPump, 500, Cell.Accepted.class);
    }
    Config db = config.getConfig("pekko-persistence-jdbc.shared-databases.cellwork.db");
    double jdbc = JdbcInsertBaseline.rowsPerSecond(db.getString("url"), db.getString("user"), db.getString("password"), 400_000, 1_000);
    return List.of(
        new Result("transient echo tasks, router -> cell", median(echo), "raw tell to sharded entities", median(raw),
            medianRatio(echo, raw), 0.5),
        new Result("durable task acceptance, H2", median(durable), "EventSourcedBehavior, 1 event per command",
            median(plain), medianRatio(durable, plain), 1.0),
        new Result("durable task acceptance, H2", median(durable), "raw batched JDBC inserts (rows/s)", jdbc,
            median(durable) / jdbc, Double.NaN));
  }

  /** Runs one scenario over and over (for a profiler attached from outside); prints each rate. */
  private void profile(String scenario) throws Exception {
    Pump.Sender sender = switch (scenario) {
      case "raw" -> this::rawTell;
      case "echo" -> this::transientEcho;
      case "plain" -> this::rawAppend;
      case "durable" -> this::durableEcho;
      default -> throw new IllegalArgumentException("scenario: raw, echo, plain or durable");
    };
    Class<?> expected = switch (scenario) {
      case "raw" -> Baselines.Pong.class;
      case "plain" -> Baselines.Appended.class;
      default -> Cell.Accepted.class;
    };
    boolean durable = scenario.equals("plain") || scenario.equals("durable");
    for (int i = 0; i < 20; i++) {
      System.out.printf("%s: %,.0f per second%n", scenario, measure(sender, durable ? 20_000 : 200_000, durable ? 500 : 256, expected));
    }
  }

  // ---- senders ----

  private void rawTell(long seq, ActorRef<Object> replyTo) {
    rawEntities.get((int) (seq % CELLS)).tell(new Baselines.Ping(replyTo.narrow()));
  }

  private void rawAppend(long seq, ActorRef<Object> replyTo) {
    rawJournals.get((int) (seq % CELLS)).tell(new Baselines.Append(Long.toString(seq), replyTo.narrow()));
  }

  private void transientEcho(long seq, ActorRef<Object> replyTo) {
    submit(seq, Durability.TRANSIENT, replyTo);
  }

  private void durableEcho(long seq, ActorRef<Object> replyTo) {
    submit(seq, Durability.DURABLE, replyTo);
  }

  private void submit(long seq, Durability durability, ActorRef<Object> replyTo) {
    String key = keys[(int) (seq % keys.length)];
    TaskSpec task = new TaskSpec(replyTo.path().name() + seq, "bench", key, "echo", Priority.NORMAL, durability, Map.of(), 0);
    cells.ref(router.cellFor("bench", key)).tell(new Cell.Submit(task, false, replyTo.narrow()));
  }

  // ---- measuring ----

  /** Runs {@value #PUMPS} pumps of {@code perPump} requests each; returns answers per second. */
  private double measure(Pump.Sender sender, long perPump, int window, Class<?> expected) throws Exception {
    List<CompletableFuture<Pump.Result>> done = new ArrayList<>();
    long start = System.nanoTime();
    for (int p = 0; p < PUMPS; p++) {
      CompletableFuture<Pump.Result> finished = new CompletableFuture<>();
      done.add(finished);
      system.systemActorOf(Pump.create(perPump, window, sender, expected, finished), "pump-" + (runCounter++),
          org.apache.pekko.actor.typed.Props.empty());
    }
    long unexpected = 0;
    for (CompletableFuture<Pump.Result> finished : done) {
      unexpected += finished.get().unexpected();
    }
    double perSecond = PUMPS * perPump / ((System.nanoTime() - start) / 1e9);
    if (unexpected > 0) {
      throw new IllegalStateException(unexpected + " answers were not acknowledgements (rejections?)");
    }
    return perSecond;
  }

  private static double medianRatio(double[] measured, double[] baseline) {
    double[] ratios = new double[measured.length];
    for (int i = 0; i < ratios.length; i++) {
      ratios[i] = measured[i] / baseline[i];
    }
    return median(ratios);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  // ---- setup and report ----

  private static Config benchConfig(Path home, Path dir) {
    String url = "jdbc:h2:file:" + dir.resolve("h2/journal") + ";DB_CLOSE_DELAY=-1";
    return ConfigFactory.parseString(
            "pekko.loglevel = WARNING\n"
                + "pekko.remote.artery.canonical.port = 0\n"
                + "pekko.coordinated-shutdown.exit-jvm = off\n"
                + "pekko.persistence.typed.stash-capacity = 100000\n"
                + "cellwork.journal.h2.url = \"" + url + "\"\n")
        .withFallback(ConfigFactory.parseFile(home.resolve("conf/node-h2.conf").toFile()))
        .withFallback(ConfigFactory.load())
        .resolve();
  }

  private static void joinSelf(ActorSystem<?> system) throws InterruptedException {
    Cluster cluster = Cluster.get(system);
    cluster.manager().tell(Join.create(cluster.selfMember().address()));
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (cluster.selfMember().status() != MemberStatus.up()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the benchmark node did not come up");
      }
      Thread.sleep(50);
    }
  }

  record Result(String name, double perSecond, String baseline, double baselinePerSecond, double ratio, double goal) {}

  private static void report(List<Result> results, Path json) throws IOException {
    System.out.printf("%n%-38s %12s   %-44s %12s %7s  %s%n", "measured", "per second", "baseline (same run)", "per second", "ratio", "goal");
    StringBuilder out = new StringBuilder("{\"cores\":" + Runtime.getRuntime().availableProcessors() + ",\"results\":[");
    for (Result r : results) {
      String goal = Double.isNaN(r.goal()) ? "physical limit" : (r.ratio() >= r.goal() ? "met: >= " : "MISSED: >= ") + r.goal();
      System.out.printf("%-38s %,12.0f   %-44s %,12.0f %7.2f  %s%n", r.name(), r.perSecond(), r.baseline(), r.baselinePerSecond(), r.ratio(), goal);
      out.append(String.format("{\"name\":\"%s\",\"perSecond\":%.0f,\"baseline\":\"%s\",\"baselinePerSecond\":%.0f,\"ratio\":%.3f},",
          r.name(), r.perSecond(), r.baseline(), r.baselinePerSecond(), r.ratio()));
    }
    out.setLength(out.length() - 1);
    out.append("]}\n");
    Files.writeString(json, out);
    System.out.println("\nwritten to " + json);
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
