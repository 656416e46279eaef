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
  void theKillSwitchScenarioSeesEveryNodeStopAndRecover() throws Exception {
    try (FakeCellwork one = new FakeCellwork()) {
      assertEquals(0, run("load", "run", "--scenario", "../conf/scenarios/kill-switch.conf", "--targets", one.url(),
          "--token", "t", "--rate", "200", "--duration", "2s", "--set", "load.warm-up=0s",
          "--set", "kill-switch.engage-at=500ms", "--set", "kill-switch.hold=500ms", "--quiet"));
    }
  }
}
