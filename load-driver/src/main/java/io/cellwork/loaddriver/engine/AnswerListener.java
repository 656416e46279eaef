package io.cellwork.loaddriver.engine;

/**
 * Hears the answers of a run on the engine's threads (keep it short): every final answer (after
 * retries) through {@link #onAnswer}, and, for scenarios that study retries, every single try and
 * the final answer with its first intended send time.
 */
@FunctionalInterface
public interface AnswerListener {
  AnswerListener NONE = (request, target, answer) -> { };

  /** @param target the index of the target node that answered (as in {@code --targets}) */
  void onAnswer(PlannedRequest request, int target, Answer answer);

  /**
   * One try of a request was answered (or failed), retried or not.
   *
   * @param attempt 1 for the first send, 2 for the first retry ...
   * @param intendedNanos when this try was meant to go ({@link System#nanoTime} clock)
   */
  default void onAttempt(PlannedRequest request, int target, int attempt, long intendedNanos, Answer answer) {
  }

  /**
   * A request is finished: succeeded, or given up after {@code attempts} tries. By default hands
   * the answer to {@link #onAnswer}.
   *
   * @param firstIntendedNanos when its first try was meant to go: its end-to-end latency counts from here
   */
  default void onRequestDone(PlannedRequest request, int target, long firstIntendedNanos, int attempts, Answer answer) {
    onAnswer(request, target, answer);
  }
}
