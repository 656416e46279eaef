package io.cellwork.loaddriver.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cellwork.loaddriver.FakeCellwork;
import io.cellwork.loaddriver.LoadDriverMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The bank and kill-switch runners against a fake of the API: their checks pass, and catch a planted bug. */
class ScenarioRunnersTest {

  private static int run(String... args) {
    PrintStream original = System.out;
    System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    try {
      return new CommandLine(new LoadDriverMain()).execute(args);
    } finally {
      System.setOut(original);
    }
  }

  private static int bank(FakeCellwork api) {
    return run("load", "run", "--scenario", "../conf/scenarios/bank.conf", "--targets", api.url(), "--requests", "300",
        "--concurrency", "8", "--quiet");
  }

  @Test
  void theBankKeepsItsBooksWhenTheLedgerDoes() throws Exception {
    try (FakeCellwork api = new FakeCellwork()) {
      assertEquals(0, bank(api));
    }
  }

  @Test
  void theBankExitsThreeWhenTransfersCreateMoney() throws Exception {
    try (FakeCellwork api = new FakeCellwork()) {
      api.leakOnTransfer();
      assertEquals(3, bank(api));
    }
  }

  @Test
  void aUslSweepRunsEveryStepFitsAndPlots(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    try (FakeCellwork api = new FakeCellwork()) {
      assertEquals(0, run("load", "run", "--scenario", "../conf/scenarios/usl-sweep.conf", "--targets", api.url(),
          "--duration", "500ms", "--set", "usl-sweep.concurrency=[1,2,3,4]", "--set", "workload.wait=false",
          "--report", dir.toString(), "--quiet"));
    }
    var report = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve("report.json").toFile());
    assertEquals(4, report.path("runs").size());
    assertEquals(4, report.path("findings").path("points").size());
    org.junit.jupiter.api.Assertions.assertTrue(report.path("findings").path("fit").has("alpha"));
    org.junit.jupiter.api.Assertions.assertTrue(java.nio.file.Files.size(dir.resolve("usl.png")) > 0);
    assertEquals("n,throughput", java.nio.file.Files.readAllLines(dir.resolve("usl.csv")).get(0));
  }

  @Test
  void theKillSwitchScenarioSeesEveryNodeStopAndRecover() throws Exception {
    try (FakeCellwork one = new FakeCellwork()) {
      assertEquals(0, run("load", "run", "--scenario", "../conf/scenarios/kill-switch.conf", "--targets", one.url(),
          "--token", "t", "--rate", "200", "--duration", "2s", "--set", "load.warm-up=0s",
          "--set", "kill-switch.engage-at=500ms", "--set", "kill-switch.hold=500ms", "--quiet"));
    }
  }
}
