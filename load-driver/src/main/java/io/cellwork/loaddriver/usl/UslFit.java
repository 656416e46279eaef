package io.cellwork.loaddriver.usl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer.Optimum;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresProblem;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.fitting.leastsquares.ParameterValidator;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.DiagonalMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;

/**
 * Fits Gunther's Universal Scalability Law X(N) = λN / (1 + α(N−1) + βN(N−1)) to measured
 * (N, throughput) points by nonlinear least squares (Commons Math Levenberg–Marquardt).
 *
 * <p>Residuals are relative (each point weighted by 1/X²): throughput noise grows with
 * throughput, and absolute residuals would let the large-N points decide λ alone. α is kept in
 * [0, 1] and β ≥ 0 by a parameter validator that clamps each step, as the law requires. The
 * start comes from the smallest-N point (λ₀ = X/N there) and the linearised law
 * λ₀N/X − 1 = α(N−1) + βN(N−1) solved by ordinary least squares; a fixed fallback start is also
 * tried and the lower cost wins. Data that cannot support a fit (fewer than three distinct N,
 * non-positive or non-finite values, optimizer failure, a flat or degenerate result) yields
 * {@code supported = false} with a reason instead of numbers. Cost: a few hundred evaluations
 * of an O(points) model; pure and thread-safe (no shared state).
 */
public final class UslFit {
  /** Distinct concurrency levels needed to pin three parameters. */
  static final int MIN_DISTINCT_N = 3;
  static final int MAX_EVALUATIONS = 10_000;
  static final int MAX_ITERATIONS = 10_000;
  /** Fallback start for α and β when the linearised start fails; small, typical values. */
  static final double FALLBACK_ALPHA = 0.01;
  static final double FALLBACK_BETA = 1e-4;
  /** α this close to 1 means throughput does not grow with N at all. */
  static final double FLAT_ALPHA = 1 - 1e-6;

  private static final int LAMBDA = 0;
  private static final int ALPHA = 1;
  private static final int BETA = 2;

  private UslFit() {}

  /** Fits the law to {@code points}; never throws for bad data, reports it instead. */
  public static UslFitResult fit(List<UslPoint> points) {
    Optional<String> problem = checkData(points);
    if (problem.isPresent()) {
      return UslFitResult.unsupported(problem.get());
    }
    double[] n = points.stream().mapToDouble(UslPoint::n).toArray();
    double[] x = points.stream().mapToDouble(UslPoint::throughput).toArray();

    List<double[]> starts = new ArrayList<>();
    starts.add(linearisedStart(n, x));
    starts.add(new double[] {starts.get(0)[LAMBDA], FALLBACK_ALPHA, FALLBACK_BETA});
    Optimum best = null;
    String failure = null;
    for (double[] start : starts) {
      try {
        Optimum optimum = new LevenbergMarquardtOptimizer().optimize(problem(n, x, start));
        if (best == null || optimum.getCost() < best.getCost()) {
          best = optimum;
        }
      } catch (IllegalStateException | IllegalArgumentException | ArithmeticException e) {
        failure = e.getMessage();
      }
    }
    if (best == null) {
      return UslFitResult.unsupported("the optimizer did not converge: " + failure);
    }
    return interpret(best.getPoint().toArray(), n);
  }

  /** X(N) = λN / (1 + α(N−1) + βN(N−1)). */
  public static double throughput(double lambda, double alpha, double beta, double n) {
    return lambda * n / (1 + alpha * (n - 1) + beta * n * (n - 1));
  }

  /** N* = √((1−α)/β): where throughput peaks; +∞ when β = 0 (no peak within the model). */
  public static double nStar(double alpha, double beta) {
    if (beta <= 0) {
      return Double.POSITIVE_INFINITY;
    }
    return Math.sqrt(Math.max(0, 1 - alpha) / beta);
  }

  private static Optional<String> checkData(List<UslPoint> points) {
    if (points == null || points.isEmpty()) {
      return Optional.of("no points to fit");
    }
    for (UslPoint p : points) {
      if (!Double.isFinite(p.n()) || !Double.isFinite(p.throughput())) {
        return Optional.of("a point is not a finite number: " + p);
      }
      if (p.n() <= 0) {
        return Optional.of("concurrency n must be positive: " + p);
      }
      if (p.throughput() <= 0) {
        return Optional.of("throughput must be positive: " + p);
      }
    }
    TreeSet<Double> distinct = new TreeSet<>();
    points.forEach(p -> distinct.add(p.n()));
    if (distinct.size() < MIN_DISTINCT_N) {
      return Optional.of(
          "need at least "
              + MIN_DISTINCT_N
              + " distinct values of n to fit λ, α and β; got "
              + distinct.size());
    }
    return Optional.empty();
  }

  /** λ₀ from the smallest-N point, then α₀, β₀ from the linearised law by least squares. */
  private static double[] linearisedStart(double[] n, double[] x) {
    int smallest = 0;
    for (int i = 1; i < n.length; i++) {
      if (n[i] < n[smallest]) {
        smallest = i;
      }
    }
    double lambda = x[smallest] / n[smallest];
    // Normal equations of y = α·u + β·v with u = N−1, v = N(N−1), y = λ₀N/X − 1.
    double suu = 0, suv = 0, svv = 0, suy = 0, svy = 0;
    for (int i = 0; i < n.length; i++) {
      double u = n[i] - 1;
      double v = n[i] * (n[i] - 1);
      double y = lambda * n[i] / x[i] - 1;
      suu += u * u;
      suv += u * v;
      svv += v * v;
      suy += u * y;
      svy += v * y;
    }
    double det = suu * svv - suv * suv;
    double alpha = FALLBACK_ALPHA;
    double beta = FALLBACK_BETA;
    if (det != 0 && Double.isFinite(det)) {
      alpha = (suy * svv - svy * suv) / det;
      beta = (svy * suu - suy * suv) / det;
    }
    return clamp(new double[] {lambda, alpha, beta});
  }

  private static LeastSquaresProblem problem(double[] n, double[] x, double[] start) {
    double[] weights = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      weights[i] = 1 / (x[i] * x[i]);
    }
    return new LeastSquaresBuilder()
        .model(model(n))
        .target(x)
        .start(start)
        .weight(new DiagonalMatrix(weights))
        .parameterValidator(UslFit::validate)
        .maxEvaluations(MAX_EVALUATIONS)
        .maxIterations(MAX_ITERATIONS)
        .build();
  }

  private static MultivariateJacobianFunction model(double[] n) {
    return params -> {
      double lambda = params.getEntry(LAMBDA);
      double alpha = params.getEntry(ALPHA);
      double beta = params.getEntry(BETA);
      double[] value = new double[n.length];
      double[][] jacobian = new double[n.length][3];
      for (int i = 0; i < n.length; i++) {
        double d = 1 + alpha * (n[i] - 1) + beta * n[i] * (n[i] - 1);
        value[i] = lambda * n[i] / d;
        jacobian[i][LAMBDA] = n[i] / d;
        jacobian[i][ALPHA] = -lambda * n[i] * (n[i] - 1) / (d * d);
        jacobian[i][BETA] = -lambda * n[i] * n[i] * (n[i] - 1) / (d * d);
      }
      return new Pair<>(new ArrayRealVector(value, false), new Array2DRowRealMatrix(jacobian, false));
    };
  }

  /** The {@link ParameterValidator}: every step is pulled back into the law's domain. */
  private static RealVector validate(RealVector params) {
    return new ArrayRealVector(clamp(params.toArray()), false);
  }

  private static double[] clamp(double[] p) {
    double[] c = p.clone();
    c[LAMBDA] = Double.isFinite(c[LAMBDA]) ? Math.max(c[LAMBDA], Double.MIN_NORMAL) : c[LAMBDA];
    c[ALPHA] = Double.isNaN(c[ALPHA]) ? c[ALPHA] : Math.min(1, Math.max(0, c[ALPHA]));
    c[BETA] = Double.isNaN(c[BETA]) ? c[BETA] : Math.max(0, c[BETA]);
    return c;
  }

  private static UslFitResult interpret(double[] p, double[] n) {
    double lambda = p[LAMBDA];
    double alpha = p[ALPHA];
    double beta = p[BETA];
    if (!Double.isFinite(lambda) || !Double.isFinite(alpha) || !Double.isFinite(beta)) {
      return UslFitResult.unsupported("the optimizer diverged (non-finite parameters)");
    }
    if (lambda <= Double.MIN_NORMAL) {
      return UslFitResult.unsupported("degenerate fit: λ collapsed to 0");
    }
    if (alpha >= FLAT_ALPHA) {
      return UslFitResult.unsupported(
          "throughput does not grow with n (α = 1): nothing to separate into contention and"
              + " coherency");
    }
    double maxN = Arrays.stream(n).max().orElseThrow();
    double minN = Arrays.stream(n).min().orElseThrow();
    double nStar = nStar(alpha, beta);
    String note;
    double peak;
    if (Double.isInfinite(nStar)) {
      peak = throughput(lambda, alpha, beta, maxN);
      note = "β = 0: no peak within the model; peak throughput given at the largest measured n";
    } else {
      peak = throughput(lambda, alpha, beta, nStar);
      if (nStar > maxN) {
        note = String.format(
            Locale.ROOT, "N* = %.1f lies beyond the largest measured n (%s): extrapolated", nStar, trim(maxN));
      } else if (nStar < minN) {
        note = String.format(
            Locale.ROOT, "N* = %.2f lies below the smallest measured n (%s)", nStar, trim(minN));
      } else {
        note = "peak within the measured range";
      }
    }
    return new UslFitResult(true, note, alpha, beta, lambda, nStar, peak);
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
