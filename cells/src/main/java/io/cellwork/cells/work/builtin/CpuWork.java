package io.cellwork.cells.work.builtin;

import io.cellwork.cells.task.TaskParams;
import io.cellwork.cells.task.TaskSpec;
import io.cellwork.cells.work.WorkContext;
import io.cellwork.cells.work.WorkHandler;
import io.cellwork.cells.work.WorkOutcome;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** {@code cpu}: burns {@code micros} microseconds of CPU on the CPU dispatcher. */
public final class CpuWork implements WorkHandler {
  static final String MICROS = "micros";
  /** One second: longer CPU bursts belong in a batch system, not a cell. */
  static final long MAX_MICROS = 1_000_000;

  @Override
  public String kind() {
    return "cpu";
  }

  @Override
  public void validate(Map<String, Object> params) {
    TaskParams.allowOnly(params, Set.of(MICROS));
    TaskParams.requireLong(params, MICROS, 0, MAX_MICROS);
  }

  @Override
  public double declaredMillis(Map<String, Object> params) {
    return TaskParams.longValue(params, MICROS) / 1000.0;
  }

  @Override
  public CompletionStage<WorkOutcome> run(TaskSpec task, WorkContext context) {
    long micros = TaskParams.longValue(task.params(), MICROS);
    return CompletableFuture.supplyAsync(() -> burn(micros), context.cpuExecutor());
  }

  private static WorkOutcome burn(long micros) {
    long start = System.nanoTime();
    long until = start + micros * 1_000;
    long x = start | 1;
    long rounds = 0;
    while (System.nanoTime() < until) {
      for (int i = 0; i < 64; i++) {
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
      }
      rounds++;
    }
    // The checksum keeps the JIT from removing the loop.
    return WorkOutcome.succeeded(
        Map.of(MICROS, (System.nanoTime() - start) / 1_000, "rounds", rounds, "checksum", x & 0xffff));
  }
}
