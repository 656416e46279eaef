package io.cellwork.loaddriver.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RetryBudgetTest {
  private final AtomicLong nanos = new AtomicLong(123_456_789L);

  private void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
  }

  private static int drain(RetryBudget budget) {
    int allowed = 0;
    while (allowed < 1_000_000 && budget.tryRetry()) {
      allowed++;
    }
    return allowed;
  }

  @Test
  void allowsRatioTimesRequestsPlusTheFloor() {
    RetryBudget budget = new RetryBudget(0.2, 0, nanos::get);
    for (int i = 0; i < 1_000; i++) {
      budget.onRequest();
    }
    assertEquals(200, budget.available());
    assertEquals(200, drain(budget));
    assertFalse(budget.tryRetry());
    assertEquals(2, budget.retriesDenied());
  }

  @Test
  void theFloorLetsAQuietClientRetry() {
    RetryBudget budget = new RetryBudget(0.1, 5, nanos::get); // 5/s over the 10 s window
    assertEquals(50, drain(budget));
    for (int i = 0; i < 100; i++) {
      budget.onRequest();
    }
    assertEquals(10, drain(budget));
  }

  @Test
  void creditExpiresWithTheWindow() {
    RetryBudget budget = new RetryBudget(0.5, 0, Duration.ofSeconds(10), nanos::get);
    for (int i = 0; i < 100; i++) {
      budget.onRequest();
    }
    advance(Duration.ofSeconds(5));
    assertEquals(50, budget.available());
    advance(Duration.ofSeconds(6)); // the requests' slot has left the window
    assertEquals(0, budget.available());
    assertFalse(budget.tryRetry());
  }

  @Test
  void spentRetriesAlsoExpireSoSteadyTrafficKeepsItsShare() {
    RetryBudget budget = new RetryBudget(0.2, 0, nanos::get);
    long allowed = 0;
    long requests = 0;
    for (int second = 0; second < 60; second++) {
      for (int i = 0; i < 100; i++) {
        budget.onRequest();
        requests++;
        if (budget.tryRetry()) {
          allowed++;
        }
      }
      advance(Duration.ofSeconds(1));
    }
    // Every request tries to retry; the budget holds retries to ~20% of requests.
    double share = (double) allowed / requests;
    assertTrue(share > 0.18 && share <= 0.21, "retry share " + share);
  }

  @Test
  void concurrentCallersNeitherLoseNorOverspendCredit() throws Exception {
    RetryBudget budget = new RetryBudget(0.2, 0, nanos::get);
    int threads = 4;
    int perThread = 5_000;
    CountDownLatch requested = new CountDownLatch(threads);
    CountDownLatch done = new CountDownLatch(threads);
    AtomicInteger allowed = new AtomicInteger();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread worker = new Thread(() -> {
        for (int i = 0; i < perThread; i++) {
          budget.onRequest();
        }
        requested.countDown();
        try {
          requested.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        for (int i = 0; i < perThread; i++) {
          if (budget.tryRetry()) {
            allowed.incrementAndGet();
          }
        }
        done.countDown();
      });
      worker.start();
      workers.add(worker);
    }
    assertTrue(done.await(10, TimeUnit.SECONDS));
    for (Thread worker : workers) {
      worker.join();
    }
    assertEquals(4_000, allowed.get()); // exactly 0.2 × 20,000 requests
    assertEquals(16_000, budget.retriesDenied());
  }
}
