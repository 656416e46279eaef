package io.cellwork.loaddriver.usl;

/**
 * The outcome of a Universal Scalability Law fit, X(N) = λN / (1 + α(N−1) + βN(N−1)).
 *
 * <p>{@code supported} is false when the data cannot support a fit; then {@code reason} says
 * why and the numbers are NaN. When it is true, {@code reason} carries a short note on the fit
 * (e.g. that the peak lies beyond the measured range). {@code alpha} is the contention
 * (serial) share, {@code beta} the coherency (crosstalk) cost, {@code lambda} the throughput of
 * one unit of concurrency without either; {@code nStar} = √((1−α)/β) is the concurrency at
 * which throughput peaks, {@link Double#POSITIVE_INFINITY} when β = 0 (no peak within the
 * model); {@code peakThroughput} is X(N*), or X at the largest measured N when N* is infinite.
 */
public record UslFitResult(
    boolean supported,
    String reason,
    double alpha,
    double beta,
    double lambda,
    double nStar,
    double peakThroughput) {

  static UslFitResult unsupported(String reason) {
    return new UslFitResult(
        false, reason, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
  }

  /** The model's throughput at concurrency {@code n}; NaN when the fit is unsupported. */
  public double predict(double n) {
    return UslFit.throughput(lambda, alpha, beta, n);
  }

  /** True when β > 0, so the model has a finite throughput peak. */
  public boolean hasFinitePeak() {
    return Double.isFinite(nStar);
  }
}
