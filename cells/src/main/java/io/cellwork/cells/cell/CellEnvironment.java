package io.cellwork.cells.cell;

import io.cellwork.cells.metrics.CellMetrics;
import io.cellwork.cells.routing.CellRouter;
import io.cellwork.cells.work.WorkContext;
import io.cellwork.cells.work.WorkKinds;
import io.cellwork.killswitch.KillSwitchBoard;
import java.time.Clock;

/** What every cell on a node shares: immutable settings and thread-safe services. */
public record CellEnvironment(
    CellSettings settings,
    CellRouter router,
    WorkKinds kinds,
    WorkContext workContext,
    CellDirectory directory,
    CellMetrics metrics,
    KillSwitchBoard killSwitches,
    Clock clock) {}
