package io.cellwork.intelligence;

/**
 * A model the system consults: features in, prediction out. Implementations say how they may be
 * called concurrently; the built-in ones are owned by one actor each.
 */
public interface Model<F, P> {
  String name();

  String version();

  P predict(F features);
}
