package io.cellwork.controlplane.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code cellctl models}: the guarded models of the node asked, with their guard's state. */
@Command(
    name = "models",
    mixinStandardHelpOptions = true,
    description = "The node's guarded models: who serves (closed = primary, tripped or forced = fallback), "
        + "rolling error and its bounds, alarms, last transition. Force a fallback with "
        + "'cellctl kill engage --scope model:<name> --mode hard_stop --reason ...'.",
    footer = {"", "Exit codes: 0 done, 1 no node answers, 3 token missing or role too low."})
final class ModelsCommand implements Callable<Integer> {
  @Mixin
  ControlClient client;

  @Override
  public Integer call() throws InterruptedException {
    return client.exchange(() -> client.get("/v1/models"), body -> {
      Table table = new Table("model", "state", "guard", "outcomes", "error", "bounds", "alarms", "last transition");
      for (JsonNode m : body.path("models")) {
        JsonNode recent = m.path("recentTransitions");
        JsonNode last = recent.size() > 0 ? recent.get(recent.size() - 1) : null;
        table.row(m.path("name").asText(), m.path("state").asText(), m.path("guard").asText(), m.path("outcomes").asLong(),
            figure(m.path("rollingError")), figure(m.path("lowerBound")) + ".." + figure(m.path("upperBound")),
            alarms(m), last == null ? "-" : last.path("at").asText() + " " + last.path("reason").asText());
      }
      table.print(client.out());
    });
  }

  private static String alarms(JsonNode model) {
    List<String> raised = new ArrayList<>();
    if (model.path("feedbackAlarm").asBoolean()) {
      raised.add("feedback");
    }
    if (model.path("errorDrift").asBoolean()) {
      raised.add("error-drift");
    }
    if (model.path("featureDrift").asBoolean()) {
      raised.add("input-drift");
    }
    return raised.isEmpty() ? "-" : String.join(",", raised);
  }

  private static String figure(JsonNode value) {
    return value.isNumber() ? String.format("%.3f", value.asDouble()) : "-";
  }
}
