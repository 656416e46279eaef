package io.cellwork.loaddriver.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellwork.loaddriver.StubServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoadRunTest {
  private static final EngineSettings SETTINGS =
      new EngineSettings(2, 8, Duration.ofSeconds(5), Duration.ofSeconds(2), 100_000);
  private static final RequestSource GET = random -> new PlannedRequest("GET", "/", null, new String[] {"all"}, null);

  private StubServer server;
  private HttpEngine engine;

  @BeforeEach
  void start() throws Exception {
    server = new StubServer();
    engine = new HttpEngine(SETTINGS, List.of(Target.parse(server.url())));
  }

  @AfterEach
  void stop() {
    engine.close();
    server.close();
  }

  @Test
  void aServerStallShowsInTheTailBecauseLatencyCountsFromTheIntendedSendTime() {
    ScheduledExecutorService stall = Executors.newSingleThreadScheduledExecutor();
    try {
      // 1 s into a 3 s run at 200/s, the server freezes for a second: ~200 requests are due
      // meanwhile; counted from their intended times they waited up to a second, so p99 is near 1 s.
      // A driver that only timed sent requests would see one slow request and a p99 of a few ms.
      stall.schedule(() -> server.stallNextFor(1_000), 1, TimeUnit.SECONDS);
      RunResult result = new LoadRun("stall", engine, LoadPlan.open(200, Duration.ofSeconds(3)), GET).run(i -> { });
      assertEquals(600, result.total().sent(), 5);
      assertEquals(result.total().sent(), result.total().ok());
      assertTrue(result.total().millisAt(99) >= 900, "p99 " + result.total().millisAt(99) + " ms");
      assertTrue(result.total().millisAt(50) < 500, "p50 " + result.total().millisAt(50) + " ms");
    } finally {
      stall.shutdownNow();
    }
  }

  @Test
  void openLoopAchievesItsTargetRateAgainstAFastServer() {
    RunResult result = new LoadRun("rate", engine, LoadPlan.open(500, Duration.ofSeconds(3)), GET).run(i -> { });
    assertEquals(1500, result.total().sent(), 15);
    assertEquals(500, result.achievedRate(), 10, "achieved " + result.achievedRate());
    assertEquals(0, result.total().errorCount());
    assertEquals(result.total().ok(), result.groups().get("all").ok());
  }

  @Test
  void aClosedLoopRunStopsAfterItsRequestCount() {
    LoadPlan plan = LoadPlan.closedFor(4, 300);
    RunResult result = new LoadRun("count", engine, plan, GET).run(i -> { });
    assertEquals(300, result.total().sent());
    assertEquals(300, server.requests());
  }

  @Test
  void refusalsAreCountedByStatusAndUnreachableTargetsAsConnectFailures() throws Exception {
    server.answerWith(503);
    RunResult refused = new LoadRun("503", engine, LoadPlan.closedFor(2, 50), GET).run(i -> { });
    assertEquals(50L, refused.total().errors().get("503"));
    try (HttpEngine nowhere = new HttpEngine(SETTINGS, List.of(Target.parse("http://127.0.0.1:1")))) {
      RunResult down = new LoadRun("down", nowhere, LoadPlan.closedFor(2, 20), GET).run(i -> { });
      assertEquals(20L, down.total().errors().get("connect"));
    }
  }
}
