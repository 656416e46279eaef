package io.cellwork.intelligence.cost;

/**
 * What is known about a task before it runs.
 *
 * @param kind the task kind
 * @param declaredMillis how long the task says it will take (a sleep's millis, a cpu burn's
 *     micros / 1000), or 0 when its parameters say nothing about duration
 * @param sizeClass what the learned models key their estimates by: the kind and the declared
 *     time's power of two. One kind may carry very different sizes (sleep 1 ms and sleep 1 s); a
 *     single per-kind ratio of measured to declared time would average a 1 ms sleep's large
 *     scheduler overhead into the 1 s sleep's estimate and back, misjudging both. Computed once,
 *     when the features are made, so the hot path only looks it up.
 */
public record CostFeatures(String kind, double declaredMillis, String sizeClass) {

  public CostFeatures(String kind, double declaredMillis) {
    this(kind, declaredMillis, sizeClassOf(kind, declaredMillis));
  }

  /** {@code kind} for tasks that declare nothing, else {@code kind~N}, N = ⌊log2(declared ms)⌋ + 1 (0 under 1 ms). */
  static String sizeClassOf(String kind, double declaredMillis) {
    if (!(declaredMillis > 0)) {
      return kind;
    }
    int powerOfTwo = 64 - Long.numberOfLeadingZeros((long) declaredMillis);
    return kind + "~" + powerOfTwo;
  }
}
