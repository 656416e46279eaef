package io.cellwork.cells.work;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/** What a {@link WorkHandler} may use besides the task itself. */
public interface WorkContext {

  /** An executor sized to the cores, reserved for CPU-bound work; never the actors' threads. */
  Executor cpuExecutor();

  /** Completes after {@code delay} without holding a thread (timer-based). */
  CompletionStage<Void> after(Duration delay);
}
