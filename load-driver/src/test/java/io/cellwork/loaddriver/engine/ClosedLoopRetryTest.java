package io.cellwork.loaddriver.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cellwork.loaddriver.StubServer;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ClosedLoopRetryTest {
  @Test
  void aRefusedRequestIsRetriedAsTheRetrierSaysAndCountedOnceWithItsFinalAnswer() throws Exception {
    AtomicInteger retries = new AtomicInteger();
    Retrier twice = (attempt, answer) -> {
      if (attempt > 2) {
        return OptionalLong.empty();
      }
      retries.incrementAndGet();
      return OptionalLong.of(Duration.ofMillis(1).toNanos());
    };
    RequestSource get = random -> new PlannedRequest("GET", "/", null, new String[0], null);
    try (StubServer server = new StubServer();
        HttpEngine engine = new HttpEngine(new EngineSettings(1, 2, Duration.ofSeconds(5), Duration.ofSeconds(2), 1000),
            List.of(Target.parse(server.url())))) {
      server.answerWith(503);
      RunResult result = new LoadRun("retry", engine, LoadPlan.closedFor(2, 10), get).retrying(twice).run(i -> { });
      assertEquals(10, result.total().sent());
      assertEquals(10L, result.total().errors().get("503"));
      assertEquals(20, retries.get());
      assertEquals(30, server.requests());
    }
  }
}
