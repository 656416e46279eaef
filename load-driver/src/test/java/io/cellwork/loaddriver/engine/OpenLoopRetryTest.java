package io.cellwork.loaddriver.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellwork.loaddriver.StubServer;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OpenLoopRetryTest {
  private static final RequestSource GET = random -> new PlannedRequest("GET", "/", null, new String[0], null);

  @Test
  void openLoopRequestsAreRetriedCountedOnceEndToEndAndEveryTryIsInTheAttemptsGroup() throws Exception {
    AtomicInteger tries = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    Retrier twice = (attempt, answer) -> attempt > 2 ? OptionalLong.empty() : OptionalLong.of(Duration.ofMillis(1).toNanos());
    AnswerListener listener = new AnswerListener() {
      @Override
      public void onAnswer(PlannedRequest request, int target, Answer answer) {
      }

      @Override
      public void onAttempt(PlannedRequest request, int target, int attempt, long intendedNanos, Answer answer) {
        tries.incrementAndGet();
      }

      @Override
      public void onRequestDone(PlannedRequest request, int target, long firstIntendedNanos, int attempts, Answer answer) {
        assertEquals(3, attempts);
        assertTrue(answer.doneNanos() > firstIntendedNanos);
        done.incrementAndGet();
      }
    };
    try (StubServer server = new StubServer();
        HttpEngine engine = new HttpEngine(new EngineSettings(1, 2, Duration.ofSeconds(5), Duration.ofSeconds(2), 1000),
            List.of(Target.parse(server.url())))) {
      server.answerWith(503);
      LoadPlan plan = LoadPlan.open(200, Duration.ofSeconds(5)).withMaxRequests(10);
      RunResult result = new LoadRun("retry", engine, plan, GET).retrying(twice).listening(listener).run(i -> { });
      assertEquals(10, result.total().sent());
      assertEquals(10L, result.total().errors().get("503"));
      assertEquals(30, server.requests());
      Slice attempts = result.groups().get(LoadRun.ATTEMPTS_GROUP);
      assertEquals(30, attempts.sent());
      assertEquals(30L, attempts.errors().get("503"));
      assertEquals(30, tries.get());
      assertEquals(10, done.get());
    }
  }

  @Test
  void withoutRetriesThereIsNoAttemptsGroup() throws Exception {
    try (StubServer server = new StubServer();
        HttpEngine engine = new HttpEngine(new EngineSettings(1, 2, Duration.ofSeconds(5), Duration.ofSeconds(2), 1000),
            List.of(Target.parse(server.url())))) {
      RunResult result = new LoadRun("plain", engine, LoadPlan.open(200, Duration.ofSeconds(5)).withMaxRequests(10), GET)
          .run(i -> { });
      assertEquals(10, result.total().ok());
      assertTrue(result.groups().isEmpty());
    }
  }
}
