package io.cellwork.loaddriver.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cellwork.loaddriver.FakeCellwork;
import io.cellwork.loaddriver.LoadDriverMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The scenario runners against a fake of the API: the bank's and kill switch's checks pass and catch
 * a planted bug; a USL sweep runs every step; the thundering herd's naive clients pay more tries.
 */
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

  @Test
  void naiveHerdClientsSendMoreTriesPerDoneRequestThanBackoffOnesAndBothRecover(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    try (FakeCellwork api = new FakeCellwork()) {
      api.limitTasksPerSecond(300); // the herd at the release (~50 clients) is more than one 100 ms slot takes
      assertEquals(0, run("load", "run", "--scenario", "../conf/scenarios/thundering-herd.conf", "--targets", api.url(),
          "--token", "t", "--rate", "100", "--duration", "2500ms", "--set", "load.drain=5s",
          "--set", "thundering-herd.warm-up=0s", "--set", "thundering-herd.cool-down=0s",
          "--set", "thundering-herd.engage-at=500ms", "--set", "thundering-herd.hold=500ms",
          "--set", "thundering-herd.recovered-window=500ms", "--set", "engine.connections=16",
          "--report", dir.toString(), "--quiet"));
    }
    var report = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve("report.json").toFile());
    var phases = report.path("findings").path("phases");
    assertEquals(2, phases.size());
    var naive = phases.get(0);
    var backoff = phases.get(1);
    assertEquals("naive", naive.path("name").asText());
    assertEquals("backoff", backoff.path("name").asText());
    org.junit.jupiter.api.Assertions.assertTrue(naive.path("attemptsPerSuccess").asDouble()
        > backoff.path("attemptsPerSuccess").asDouble(), () -> "naive " + naive + " vs backoff " + backoff);
    org.junit.jupiter.api.Assertions.assertTrue(naive.path("retriesDuringOutage").asLong()
        > backoff.path("retriesDuringOutage").asLong(), () -> "naive " + naive + " vs backoff " + backoff);
    // Naive clients never give up within the deadline: every request that met the switch got done.
    org.junit.jupiter.api.Assertions.assertTrue(naive.path("arrivedDuringOutage").asLong() > 0);
    assertEquals(naive.path("arrivedDuringOutage").asLong(), naive.path("outageDone").asLong());
    // The run's report counts every try of a retried request in the "attempts" group.
    org.junit.jupiter.api.Assertions.assertTrue(report.path("runs").get(0).path("groups").has("attempts"));
  }
}
