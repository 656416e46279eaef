package io.cellwork.loaddriver.scenario;

import io.cellwork.loaddriver.ClusterControl;
import io.cellwork.loaddriver.api.CellworkApi;
import io.cellwork.loaddriver.engine.AnswerListener;
import io.cellwork.loaddriver.engine.HttpEngine;
import io.cellwork.loaddriver.engine.LoadPlan;
import io.cellwork.loaddriver.engine.LoadRun;
import io.cellwork.loaddriver.engine.RequestSource;
import io.cellwork.loaddriver.engine.Retrier;
import io.cellwork.loaddriver.engine.RunResult;
import io.cellwork.loaddriver.report.ProgressLine;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * What a scenario runner works with: the scenario, the engine (created on first use, closed with
 * the context), a control-API client per target for switches, balances and task statuses, the
 * operator's console ({@code bin/cellctl}), a scheduler for mid-run actions, and where progress
 * lines go. Every task id starts with the run id, so runs never collide.
 */
public final class ScenarioContext implements AutoCloseable {
  private static final Duration CONTROL_TIMEOUT = Duration.ofSeconds(30);
  private static final int CONTROL_THREADS = 4;

  private final Scenario scenario;
  private final Path home;
  private final PrintStream out;
  private final boolean progress;
  private final String runId;
  private final ExecutorService controlExecutor = Executors.newFixedThreadPool(CONTROL_THREADS, daemon("control-api"));
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(daemon("scenario-timer"));
  private final List<CellworkApi> apis = new ArrayList<>();
  private HttpEngine engine;
  private Path reportDir;

  public ScenarioContext(Scenario scenario, Path home, PrintStream out, boolean progress) {
    this.scenario = scenario;
    this.home = home;
    this.out = out;
    this.progress = progress;
    this.runId = scenario.name() + "-" + Long.toString(System.currentTimeMillis(), 36);
    scenario.targets().forEach(t -> apis.add(new CellworkApi(t.url(), controlExecutor, CONTROL_TIMEOUT)));
  }

  /** Where the report goes (for a runner's own plots); null when no report was asked for. */
  public Path reportDir() {
    return reportDir;
  }

  public ScenarioContext reportingTo(Path dir) {
    this.reportDir = dir;
    return this;
  }

  public Scenario scenario() {
    return scenario;
  }

  public PrintStream out() {
    return out;
  }

  public String runId() {
    return runId;
  }

  public ScheduledExecutorService scheduler() {
    return scheduler;
  }

  public ClusterControl console() {
    return new ClusterControl(home);
  }

  /** The control-API client of target {@code i}. */
  public CellworkApi api(int i) {
    return apis.get(i);
  }

  public List<CellworkApi> apis() {
    return apis;
  }

  public synchronized HttpEngine engine() {
    if (engine == null) {
      engine = new HttpEngine(scenario.engine(), scenario.targets());
    }
    return engine;
  }

  /** The scenario's own workload as requests (ids prefixed with the run id plus {@code idTag}). */
  public WorkloadRequests requests(String idTag) {
    return new WorkloadRequests(scenario.workload(), runId + "-" + idTag + "-", scenario.groups());
  }

  /** Runs one phase of load, printing a progress line a second; {@code started} sees the run (to stop it). */
  public RunResult load(String phase, LoadPlan plan, RequestSource source, Retrier retrier,
      AnswerListener listener, Consumer<LoadRun> started) {
    LoadRun run = new LoadRun(phase, engine(), plan, source).retrying(retrier).listening(listener);
    started.accept(run);
    return run.run(interval -> {
      if (progress) {
        out.println(ProgressLine.format(phase, interval));
      }
    });
  }

  public RunResult load(String phase, LoadPlan plan, RequestSource source) {
    return load(phase, plan, source, Retrier.NEVER, AnswerListener.NONE, r -> { });
  }

  /**
   * With {@code load.warm-up} set, an unreported run of the scenario's plan and workload for that
   * long, so JIT-cold JVMs (the driver's and the nodes') stay out of the figures.
   */
  public void warmUp() {
    Duration warmUp = scenario.config().getDuration("load.warm-up");
    if (!warmUp.isZero()) {
      LoadPlan p = scenario.plan();
      load("warm-up", new LoadPlan(p.openLoop(), p.poisson(), p.profile(), p.concurrency(), warmUp, 0, p.drain()),
          requests("warm"));
    }
  }

  /** The admin token: the scenario's, or the local cluster's {@code var/cluster/admin.token}. */
  public String token() {
    if (!scenario.token().isBlank()) {
      return scenario.token();
    }
    Path file = home.resolve("var/cluster/admin.token");
    try {
      return Files.readString(file, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new IllegalStateException("no admin token: pass --token or start a cluster (" + file + " missing)");
    }
  }

  @Override
  public void close() {
    if (engine != null) {
      engine.close();
    }
    scheduler.shutdownNow();
    controlExecutor.shutdownNow();
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
