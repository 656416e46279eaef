package io.cellwork.intelligence;

/**
 * A model whose prediction is one number, with an unboxed call for the hot path. Implementations
 * used by a {@code GuardedModel} are called by many threads at once and must be immutable or
 * otherwise safe for concurrent reads.
 */
public interface ScalarModel<F> extends Model<F, Double> {
  double predictValue(F features);

  @Override
  default Double predict(F features) {
    return predictValue(features);
  }
}
