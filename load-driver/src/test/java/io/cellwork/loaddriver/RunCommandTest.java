package io.cellwork.loaddriver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `load run` end to end against a stub node: exit codes from thresholds, and the report it writes. */
class RunCommandTest {
  private static final String BASELINE = "../conf/scenarios/baseline.conf";

  private StubServer server;

  @BeforeEach
  void start() throws Exception {
    server = new StubServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private int run(String... extra) {
    String[] base = {"load", "run", "--scenario", BASELINE, "--targets", server.url(), "--rate", "100",
        "--duration", "1s", "--arrivals", "constant", "--set", "load.warm-up=0s", "--quiet"};
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    PrintStream original = System.out;
    System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    try {
      return new CommandLine(new LoadDriverMain()).execute(args);
    } finally {
      System.setOut(original);
    }
  }

  @Test
  void thresholdsThatHoldExitZeroAndViolatedOnesExitTwo() {
    assertEquals(0, run("--threshold", "p99<2s", "--threshold", "errors<1%", "--threshold", "achievedRate>50"));
    assertEquals(2, run("--threshold", "p99<1us"));
    assertEquals(2, run("--threshold", "achievedRate>100000"));
  }

  @Test
  void errorsThresholdCountsRefusals() {
    server.answerWith(503);
    assertEquals(2, run("--threshold", "errors<0.1%"));
  }

  @Test
  void anUnreadableThresholdOrScenarioIsAnErrorWithExitOne() {
    assertEquals(1, run("--threshold", "p99 below 50ms"));
    assertEquals(1, new CommandLine(new LoadDriverMain()).execute("load", "run", "--scenario", "no-such-scenario"));
  }

  @Test
  void theReportHoldsTotalsPercentilesGroupsTheHistogramAndPlots(@TempDir Path dir) throws Exception {
    assertEquals(0, run("--report", dir.toString()));
    JsonNode report = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
    assertEquals(100, report.path("sent").asLong(), 2);
    assertEquals(report.path("sent").asLong(), report.path("ok").asLong());
    assertTrue(report.path("achievedRate").asDouble() > 90);
    for (String p : new String[] {"p50", "p90", "p99", "p999", "max"}) {
      assertTrue(report.path("latencyMs").has(p), p);
    }
    assertTrue(report.path("groups").has("task:echo"));
    assertTrue(Files.size(dir.resolve("baseline.hgrm")) > 0);
    assertTrue(Files.size(dir.resolve("baseline-latency.png")) > 0);
    assertTrue(Files.size(dir.resolve("baseline-throughput.png")) > 0);
  }
}
