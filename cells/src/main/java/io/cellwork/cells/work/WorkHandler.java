package io.cellwork.cells.work;

import io.cellwork.cells.task.TaskSpec;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The code behind one task kind. Users add kinds by implementing this interface (with a public
 * no-argument constructor) and listing the class under {@code cellwork.cells.work.handlers}.
 *
 * <p>Threading: {@link #run} is called on the cell's actor thread and must return at once; any
 * CPU-heavy or blocking work goes to {@link WorkContext#cpuExecutor()} or another executor of
 * its own. The returned stage may complete on any thread. A handler may be called for the same
 * task more than once (a durable task is re-run after a crash), so its effects must be idempotent
 * per task id.
 */
public interface WorkHandler {

  /** The kind this handler serves, e.g. {@code "echo"}. */
  String kind();

  /**
   * Checks a submission's parameters before it is accepted.
   *
   * @throws io.cellwork.cells.task.InvalidTaskException naming the offending parameter
   */
  void validate(Map<String, Object> params);

  CompletionStage<WorkOutcome> run(TaskSpec task, WorkContext context);

  /**
   * How long a task of this kind says it will take, in milliseconds, judged from its parameters
   * alone; 0 when they say nothing. The cost model starts from this and learns the real ratio.
   */
  default double declaredMillis(Map<String, Object> params) {
    return 0;
  }
}
