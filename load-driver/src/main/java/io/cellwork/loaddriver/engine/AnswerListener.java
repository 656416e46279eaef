package io.cellwork.loaddriver.engine;

/** Hears every final answer of a run (after retries), on the engine's threads: keep it short. */
@FunctionalInterface
public interface AnswerListener {
  AnswerListener NONE = (request, target, answer) -> { };

  /** @param target the index of the target node that answered (as in {@code --targets}) */
  void onAnswer(PlannedRequest request, int target, Answer answer);
}
