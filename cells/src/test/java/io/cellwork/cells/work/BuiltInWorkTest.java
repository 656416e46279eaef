package io.cellwork.cells.work;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellwork.cells.task.Durability;
import io.cellwork.cells.task.InvalidTaskException;
import io.cellwork.cells.task.Priority;
import io.cellwork.cells.task.TaskSpec;
import io.cellwork.cells.work.builtin.FailWork;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** The built-in kinds: parameters, results, and that none of them works on the caller's thread. */
class BuiltInWorkTest {
  private final WorkKinds kinds = WorkKinds.builtIn();

  /** Holds submitted work and timers until the test releases them. */
  private static final class ManualContext implements WorkContext {
    final List<Runnable> cpuWork = new ArrayList<>();
    final List<CompletableFuture<Void>> timers = new ArrayList<>();

    @Override
    public Executor cpuExecutor() {
      return cpuWork::add;
    }

    @Override
    public CompletionStage<Void> after(Duration delay) {
      CompletableFuture<Void> timer = new CompletableFuture<>();
      timers.add(timer);
      return timer;
    }
  }

  @Test
  void cpuWorkRunsOnTheCpuExecutorNotOnTheCaller() {
    ManualContext context = new ManualContext();
    CompletableFuture<WorkOutcome> outcome = run("cpu", Map.of("micros", 200L), context);
    assertFalse(outcome.isDone(), "nothing ran on the calling (actor) thread");
    assertEquals(1, context.cpuWork.size());
    context.cpuWork.get(0).run();
    WorkOutcome.Succeeded done = assertInstanceOf(WorkOutcome.Succeeded.class, outcome.join());
    assertTrue((Long) done.result().get("micros") >= 200);
  }

  @Test
  void sleepHoldsNoThreadAndEndsWhenItsTimerFires() {
    ManualContext context = new ManualContext();
    CompletableFuture<WorkOutcome> outcome = run("sleep", Map.of("millis", 50L), context);
    assertFalse(outcome.isDone());
    assertTrue(context.cpuWork.isEmpty());
    context.timers.get(0).complete(null);
    assertEquals(Map.of("sleptMs", 50L), ((WorkOutcome.Succeeded) outcome.join()).result());
  }

  @Test
  void failFailsAtItsRateAndTheSameIdAlwaysTheSameWay() {
    int failed = 0;
    for (int i = 0; i < 10_000; i++) {
      if (run("fail", Map.of("rate", 0.3), "t" + i).join() instanceof WorkOutcome.Failed f) {
        assertEquals(FailWork.INJECTED_FAILURE, f.error());
        failed++;
      }
    }
    assertTrue(failed > 2_800 && failed < 3_200, "about 30% failed: " + failed);
    assertEquals(run("fail", Map.of("rate", 0.5), "same").join(), run("fail", Map.of("rate", 0.5), "same").join());
  }

  @Test
  void parametersAreValidatedByKind() {
    assertThrows(InvalidTaskException.class, () -> kinds.handler("cpu").orElseThrow().validate(Map.of()));
    assertThrows(InvalidTaskException.class, () -> kinds.handler("cpu").orElseThrow().validate(Map.of("micros", 2_000_000L)));
    assertThrows(InvalidTaskException.class, () -> kinds.handler("sleep").orElseThrow().validate(Map.of("millis", 1.5)));
    assertThrows(InvalidTaskException.class, () -> kinds.handler("fail").orElseThrow().validate(Map.of("rate", 1.5)));
    InvalidTaskException unknown = assertThrows(InvalidTaskException.class,
        () -> kinds.handler("sleep").orElseThrow().validate(Map.of("millis", 5L, "jitter", 1L)));
    assertEquals("params.jitter", unknown.field());
  }

  private CompletableFuture<WorkOutcome> run(String kind, Map<String, Object> params, ManualContext context) {
    return kinds.handler(kind).orElseThrow().run(task("t", kind, params), context).toCompletableFuture();
  }

  private CompletableFuture<WorkOutcome> run(String kind, Map<String, Object> params, String id) {
    return kinds.handler(kind).orElseThrow().run(task(id, kind, params), new ManualContext()).toCompletableFuture();
  }

  private static TaskSpec task(String id, String kind, Map<String, Object> params) {
    return new TaskSpec(id, "acme", "k", kind, Priority.NORMAL, Durability.TRANSIENT, params, 0);
  }
}
