package io.cellwork.controlplane.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cellctl kill ...}: engage, release, list and audit kill switches. */
@Command(
    name = "kill",
    mixinStandardHelpOptions = true,
    description = "Engage, release, list and audit kill switches.",
    footer = {"", "Exit codes: 0 done, 1 no node answers, 2 invalid request, 3 token missing or role too low, 4 not found."})
final class KillCommand {
  private static final Pattern TTL = Pattern.compile("(\\d+)\\s*([smhd]?)");

  @Mixin
  ControlClient client;

  @Command(name = "engage", mixinStandardHelpOptions = true, description = "Engage a kill switch on every node.")
  int engage(
      @Option(names = "--scope", required = true,
          description = "global, node:<host:port>, cell:<n>, tenant:<t>, kind:<k>, automation:<name> or model:<name>") String scope,
      @Option(names = "--mode", required = true, description = "reject_new, drain or hard_stop") String mode,
      @Option(names = "--reason", required = true, description = "why, for the audit") String reason,
      @Option(names = "--ttl", description = "release by itself after this long: 90, 90s, 15m, 2h or 1d") String ttl)
      throws InterruptedException {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("scope", scope);
    request.put("mode", mode);
    request.put("reason", reason);
    if (ttl != null) {
      Matcher matcher = TTL.matcher(ttl.strip());
      if (!matcher.matches()) {
        client.err().println("--ttl must be a number of seconds, or end in s, m, h or d (e.g. 15m)");
        return ControlClient.INVALID;
      }
      request.put("ttlSeconds", Long.parseLong(matcher.group(1)) * switch (matcher.group(2)) {
        case "m" -> 60L;
        case "h" -> 3600L;
        case "d" -> 86_400L;
        default -> 1L;
      });
    }
    return client.exchange(() -> client.post("/v1/killswitches", request), engaged ->
        client.out().println("Engaged " + engaged.path("id").asText() + " (" + engaged.path("mode").asText() + " on "
            + engaged.path("scope").asText() + ")" + (engaged.path("confirmedByAll").asBoolean()
                ? ", confirmed by every reachable node."
                : "; not every node confirmed in time, the rest get it by gossip.")));
  }

  @Command(name = "release", mixinStandardHelpOptions = true, description = "Release a kill switch everywhere.")
  int release(@Parameters(paramLabel = "ID", description = "the switch id, as `kill list` shows it") String id)
      throws InterruptedException {
    return client.exchange(() -> client.delete("/v1/killswitches/" + id),
        released -> client.out().println("Released " + id + "."));
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Engaged switches and which nodes apply them.")
  int list() throws InterruptedException {
    return client.exchange(() -> client.get("/v1/killswitches"), body -> {
      JsonNode switches = body.path("killswitches");
      if (switches.isEmpty()) {
        client.out().println("No kill switch is engaged.");
        return;
      }
      Table table = new Table("id", "scope", "mode", "reason", "operator", "engaged at", "expires at", "applied by", "pending");
      for (JsonNode s : switches) {
        table.row(s.path("id").asText(), s.path("scope").asText(), s.path("mode").asText(), s.path("reason").asText(),
            s.path("operator").asText(), s.path("engagedAt").asText(), s.path("expiresAt").asText("-"),
            joined(s.path("appliedBy")), pending(s));
      }
      table.print(client.out());
    });
  }

  @Command(name = "audit", mixinStandardHelpOptions = true, description = "Every change and refused attempt, oldest first.")
  int audit() throws InterruptedException {
    return client.exchange(() -> client.get("/v1/killswitches/audit"), body -> {
      Table table = new Table("at", "action", "id", "scope", "mode", "reason", "operator", "node");
      for (JsonNode e : body.path("audit")) {
        table.row(e.path("at").asText(), e.path("action").asText(), e.path("switchId").asText(), e.path("scope").asText(),
            e.path("mode").asText(), e.path("reason").asText(), e.path("operator").asText(), e.path("node").asText());
      }
      table.print(client.out());
    });
  }

  /** A drain switch's progress: tasks of its scope still queued or running, or "drained". */
  private static String pending(JsonNode killSwitch) {
    if (!killSwitch.has("pending")) {
      return "-";
    }
    int pending = killSwitch.path("pending").asInt();
    String text = pending == 0 ? "drained" : Integer.toString(pending);
    return killSwitch.path("pendingExact").asBoolean(true) ? text : text + " (some cells did not answer)";
  }

  private static String joined(JsonNode nodes) {
    if (nodes.isEmpty()) {
      return "-";
    }
    StringBuilder text = new StringBuilder();
    nodes.forEach(n -> text.append(text.length() == 0 ? "" : ",").append(n.asText()));
    return text.toString();
  }
}
