package io.cellwork.cells;

import com.typesafe.config.Config;
import io.cellwork.cells.cell.CellSettings;
import io.cellwork.cells.routing.RouterSettings;
import java.time.Duration;
import java.util.List;

/** {@code cellwork.cells}: the data plane of one node. */
public record CellsSettings(
    RouterSettings router,
    CellSettings cell,
    Duration keeperInterval,
    Duration askTimeout,
    String cpuDispatcher,
    List<String> workHandlers) {

  public CellsSettings {
    workHandlers = List.copyOf(workHandlers);
  }

  public static CellsSettings fromConfig(Config cells) {
    return new CellsSettings(
        RouterSettings.fromConfig(cells.getConfig("router")),
        CellSettings.fromConfig(cells.getConfig("cell")),
        cells.getDuration("keeper-interval"),
        cells.getDuration("ask-timeout"),
        cells.getString("cpu-dispatcher"),
        cells.getStringList("work.handlers"));
  }
}
