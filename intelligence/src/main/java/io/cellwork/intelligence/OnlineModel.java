package io.cellwork.intelligence;

/** A model that learns incrementally, one observed truth at a time. */
public interface OnlineModel<F, P, T> extends Model<F, P> {
  void learn(F features, T truth);
}
