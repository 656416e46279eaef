package io.cellwork.intelligence;

/**
 * A primary model that one owner (its guard actor) trains outcome by outcome and shares with many
 * readers as immutable snapshots: training never races with a prediction, and a reader never
 * locks. Not thread-safe itself; its snapshots are.
 */
public interface LearningModel<F> extends ScalarModel<F> {
  /** Learns from one observed truth. */
  void learn(F features, double truth);

  /** What it knows now, frozen: safe to read from any thread while it goes on learning. */
  ScalarModel<F> snapshot();
}
