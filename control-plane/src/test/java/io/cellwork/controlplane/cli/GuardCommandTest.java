package io.cellwork.controlplane.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class GuardCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private record Run(int exitCode, String out, String err) {}

  private static Run cellctl(String... args) {
    CommandLine cellctl = CellCtl.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cellctl.setOut(new PrintWriter(out));
    cellctl.setErr(new PrintWriter(err));
    int exitCode = cellctl.execute(args);
    return new Run(exitCode, out.toString(), err.toString());
  }

  @Test
  void simulatePrintsOneJsonLineWithTheFiveKeys() throws Exception {
    Run run = cellctl("guard", "simulate", "--scenario", "accuracy-drop", "--seed", "3", "--samples", "4000", "--json");
    assertEquals(0, run.exitCode(), run.err());
    assertEquals(1, run.out().strip().lines().count(), run.out());
    JsonNode result = JSON.readTree(run.out());
    List<String> keys = new ArrayList<>();
    result.fieldNames().forEachRemaining(keys::add);
    assertEquals(List.of("tripped", "tripAfter", "feedbackAlarm", "feedbackAlarmAfter", "naiveCorrelationAlarm"), keys);
    assertTrue(result.get("tripped").asBoolean());
    assertTrue(result.get("tripAfter").isIntegralNumber());
    assertTrue(result.get("feedbackAlarmAfter").isNull(), run.out());
  }

  @Test
  void feedbackScenarioUsesCoupling03AndRaisesTheAlarm() throws Exception {
    JsonNode result = JSON.readTree(cellctl("guard", "simulate", "--scenario", "feedback", "--seed", "1", "--json").out());
    assertTrue(result.get("feedbackAlarm").asBoolean());
    assertTrue(result.get("feedbackAlarmAfter").asLong() <= 5_000);
    JsonNode uncoupled = JSON.readTree(
        cellctl("guard", "simulate", "--scenario", "feedback", "--coupling", "0", "--seed", "1", "--json").out());
    assertTrue(uncoupled.get("feedbackAlarmAfter").isNull());
  }

  @Test
  void withoutJsonPrintsATable() {
    Run run = cellctl("guard", "simulate", "--scenario", "stationary", "--samples", "2000");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("naive correlation > 0.8"), run.out());
  }

  @Test
  void rejectsAnUnknownScenarioAndABadCoupling() {
    Run unknown = cellctl("guard", "simulate", "--scenario", "chaos", "--json");
    assertEquals(2, unknown.exitCode());
    assertTrue(unknown.err().contains("unknown scenario"), unknown.err());
    assertEquals(2, cellctl("guard", "simulate", "--scenario", "feedback", "--coupling", "1.5").exitCode());
  }
}
