package io.cellwork.cells.testing;

import io.cellwork.cells.cell.Cell;
import io.cellwork.cells.cell.CellDirectory;
import io.cellwork.cells.cell.CellEnvironment;
import io.cellwork.cells.cell.CellSettings;
import io.cellwork.cells.metrics.CellMetrics;
import io.cellwork.cells.routing.CellRouter;
import io.cellwork.cells.routing.RouterSettings;
import io.cellwork.cells.work.SystemWorkContext;
import io.cellwork.cells.work.WorkKinds;
import io.cellwork.intelligence.cost.TaskCostGuard;
import io.cellwork.killswitch.KillSwitchBoard;
import io.cellwork.killswitch.breaker.BreakerSettings;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Cells spawned directly (no sharding) so tests can stop and restart them at will, with a
 * directory that always points at the current incarnation.
 */
public final class SpawnedCells implements CellDirectory {
  private final ActorTestKit testKit;
  private final CellEnvironment env;
  private final AtomicReferenceArray<ActorRef<Cell.Command>> refs;
  private final int[] incarnations;
  private static final AtomicInteger GUARDS = new AtomicInteger();
  private final KillSwitchBoard killSwitches = new KillSwitchBoard();

  public SpawnedCells(ActorTestKit testKit, int cells, WorkKinds kinds) {
    this.testKit = testKit;
    CellSettings settings = CellSettings.create(testKit.system());
    this.env = new CellEnvironment(
        settings,
        new CellRouter(new RouterSettings(cells, 64)),
        kinds,
        new SystemWorkContext(testKit.system(), "cellwork.cells.cpu-work-dispatcher"),
        this,
        CellMetrics.register(new PrometheusRegistry()),
        killSwitches,
        null,
        testKit.system().ignoreRef(),
        BreakerSettings.fromConfig(testKit.system().settings().config().getConfig("cellwork.killswitch.breaker")),
        TaskCostGuard.start(testKit.system(), "taskCostGuard-" + GUARDS.incrementAndGet(), killSwitches),
        Clock.systemUTC());
    this.refs = new AtomicReferenceArray<>(cells);
    this.incarnations = new int[cells];
    for (int cell = 0; cell < cells; cell++) {
      start(cell);
    }
  }

  public ActorRef<Cell.Command> ref(int cell) {
    return refs.get(cell);
  }

  /** The switches these cells enforce; tests publish views on it. */
  public KillSwitchBoard killSwitches() {
    return killSwitches;
  }

  public CellRouter router() {
    return env.router();
  }

  public int cellFor(String tenant, String key) {
    return env.router().cellFor(tenant, key);
  }

  /** Stops a cell abruptly (pending writes are lost, as in a crash) and starts a new incarnation. */
  public void restart(int cell) {
    stop(cell);
    start(cell);
  }

  /** Stops a cell; until {@link #start} messages to it are lost, as to a node that is down. */
  public void stop(int cell) {
    testKit.stop(refs.get(cell));
  }

  @Override
  public void tell(int cell, Cell.Command message) {
    refs.get(cell).tell(message);
  }

  public void start(int cell) {
    refs.set(cell, testKit.spawn(Cell.create(cell, env), "cell-" + cell + "-" + incarnations[cell]++));
  }
}
