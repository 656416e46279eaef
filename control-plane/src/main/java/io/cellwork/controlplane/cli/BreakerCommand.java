package io.cellwork.controlplane.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code cellctl breaker ...}: the cells' circuit breakers, and manual overrides. */
@Command(
    name = "breaker",
    mixinStandardHelpOptions = true,
    description = "List the cells' circuit breakers; force one open or closed.",
    footer = {"", "Exit codes: 0 done, 1 no node answers, 2 invalid request, 3 token missing or role too low, 4 not found."})
final class BreakerCommand {
  @Mixin
  ControlClient client;

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Every cell's breaker: state, failure and slow-call rates.")
  int list() throws InterruptedException {
    return client.exchange(() -> client.get("/v1/breakers"), body -> {
      Table table = new Table("breaker", "node", "state", "failure %", "slow %", "calls");
      for (JsonNode b : body.path("breakers")) {
        table.row(b.path("name").asText(), b.path("node").asText(), b.path("state").asText(), rate(b.path("failureRate")),
            rate(b.path("slowCallRate")), b.path("calls").asInt());
      }
      table.print(client.out());
    });
  }

  @Command(name = "open", mixinStandardHelpOptions = true,
      description = "Force a cell's breaker open: the cell starts no work and its cell:<n> switch refuses new tasks.")
  int open(@Parameters(paramLabel = "CELL", description = "cell-7 or 7") String cell) throws InterruptedException {
    return override(cell, "open");
  }

  @Command(name = "close", mixinStandardHelpOptions = true, description = "Close a cell's breaker (and release its switch).")
  int close(@Parameters(paramLabel = "CELL", description = "cell-7 or 7") String cell) throws InterruptedException {
    return override(cell, "close");
  }

  private int override(String cell, String action) throws InterruptedException {
    String name = cell.startsWith("cell-") ? cell : "cell-" + cell;
    return client.exchange(() -> client.post("/v1/breakers/" + name + "/" + action, Map.of()),
        breaker -> client.out().println("Breaker " + name + " is now " + breaker.path("state").asText() + "."));
  }

  private static String rate(JsonNode rate) {
    return rate.isNumber() ? String.format("%.1f", rate.asDouble()) : "-";
  }
}
