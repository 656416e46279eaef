package io.cellwork.loaddriver.report;

import io.cellwork.loaddriver.usl.UslFitResult;
import io.cellwork.loaddriver.usl.UslPoint;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's PNG plots, drawn with XChart: latency percentiles over time, throughput over
 * time, throughput vs concurrency with the fitted USL curve, and a generic multi-line plot.
 * Every method writes one PNG (creating parent directories), returns its path and throws
 * {@link UncheckedIOException} if it cannot be written. Rendering is off-screen: the class sets
 * {@code java.awt.headless=true} before AWT loads, so it works without a display. Thread-safe
 * (each call builds its own chart).
 */
public final class Plots {
  static final int WIDTH = 900;
  static final int HEIGHT = 540;
  /** Points on the fitted USL curve. */
  static final int CURVE_POINTS = 200;
  /** The curve is drawn past the last point by this factor, so the bend is visible. */
  static final double CURVE_OVERSHOOT = 1.25;
  /** N* is only drawn when it is within this factor of the largest measured N. */
  static final double MAX_NSTAR_EXTRAPOLATION = 4;

  static {
    System.setProperty("java.awt.headless", "true");
  }

  private Plots() {}

  /** p50, p90, p99 and max latency (ms) against seconds into the run. */
  public static Path latencyOverTime(Path png, String title, List<LatencySample> s) {
    XYChart chart = chart(title, "time (s)", "latency (ms)");
    double[] t = column(s, LatencySample::tSeconds);
    line(chart, "p50", t, column(s, LatencySample::p50));
    line(chart, "p90", t, column(s, LatencySample::p90));
    line(chart, "p99", t, column(s, LatencySample::p99));
    line(chart, "max", t, column(s, LatencySample::max));
    return write(png, chart);
  }

  /** Offered, achieved and error rates (per second) against seconds into the run; tries too when there were retries. */
  public static Path throughputOverTime(Path png, String title, List<ThroughputSample> s) {
    XYChart chart = chart(title, "time (s)", "requests per second");
    double[] t = column(s, ThroughputSample::tSeconds);
    line(chart, "offered", t, column(s, ThroughputSample::offered));
    line(chart, "achieved", t, column(s, ThroughputSample::achieved));
    line(chart, "errors", t, column(s, ThroughputSample::errors));
    if (s.stream().anyMatch(x -> x.tries() > x.offered() + 0.5)) {
      // A retry storm can be 50x the offered load: on its own axis (right) it leaves the others readable.
      line(chart, "tries incl. retries (right axis)", t, column(s, ThroughputSample::tries)).setYAxisGroup(1);
      chart.setYAxisGroupTitle(1, "tries per second");
      chart.getStyler().setYAxisGroupPosition(1, org.knowm.xchart.style.Styler.YAxisPosition.Right);
    }
    return write(png, chart);
  }

  /**
   * Measured throughput vs N as points, the fitted curve as a line (when the fit is supported)
   * and N* marked with its peak throughput (when finite and not far beyond the data).
   */
  public static Path uslCurve(Path png, String title, List<UslPoint> points, UslFitResult fit) {
    String subtitle = fit.supported()
        ? String.format(Locale.ROOT, "%s  (α=%.4g, β=%.4g, λ=%.4g)", title, fit.alpha(), fit.beta(), fit.lambda())
        : title + "  (no fit: " + fit.reason() + ")";
    XYChart chart = chart(subtitle, "concurrency N", "throughput (per second)");
    double[] n = column(points, UslPoint::n);
    XYSeries measured = chart.addSeries("measured", orEmpty(n), orEmpty(column(points, UslPoint::throughput)));
    measured.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
    measured.setMarker(SeriesMarkers.CIRCLE);
    if (fit.supported() && n.length > 0) {
      double maxN = Arrays.stream(n).max().orElseThrow();
      boolean markPeak = fit.hasFinitePeak() && fit.nStar() <= MAX_NSTAR_EXTRAPOLATION * maxN;
      double end = CURVE_OVERSHOOT * Math.max(maxN, markPeak ? fit.nStar() : 0);
      double[] cx = new double[CURVE_POINTS];
      double[] cy = new double[CURVE_POINTS];
      for (int i = 0; i < CURVE_POINTS; i++) {
        cx[i] = 1 + (end - 1) * i / (CURVE_POINTS - 1);
        cy[i] = fit.predict(cx[i]);
      }
      XYSeries curve = chart.addSeries("USL fit", cx, cy);
      curve.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
      curve.setMarker(SeriesMarkers.NONE);
      if (markPeak) {
        String label = String.format(Locale.ROOT, "N* = %.1f, peak %.1f/s", fit.nStar(), fit.peakThroughput());
        XYSeries peak = chart.addSeries(label, new double[] {fit.nStar(), fit.nStar()},
            new double[] {0, fit.peakThroughput()});
        peak.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
        peak.setMarker(SeriesMarkers.DIAMOND);
      }
    }
    return write(png, chart);
  }

  /**
   * One line per entry of {@code series}, in the map's iteration order; each value is
   * {@code {xs, ys}} (two rows of equal length), e.g. a detection power curve.
   */
  public static Path lines(
      Path png, String title, String xLabel, String yLabel, Map<String, double[][]> series) {
    XYChart chart = chart(title, xLabel, yLabel);
    series.forEach((name, xy) -> {
      if (xy == null || xy.length != 2 || xy[0].length != xy[1].length) {
        throw new IllegalArgumentException(
            "series '" + name + "' must be {xs, ys} with rows of equal length");
      }
      line(chart, name, xy[0], xy[1]);
    });
    if (series.isEmpty()) {
      line(chart, "no data", new double[0], new double[0]);
    }
    return write(png, chart);
  }

  private static XYChart chart(String title, String xLabel, String yLabel) {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
        .title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
    chart.getStyler().setLegendPosition(LegendPosition.InsideNW);
    chart.getStyler().setMarkerSize(6);
    return chart;
  }

  private static XYSeries line(XYChart chart, String name, double[] x, double[] y) {
    XYSeries series = chart.addSeries(name, orEmpty(x), orEmpty(y));
    series.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
    series.setMarker(x.length > 1 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
    return series;
  }

  /** XChart refuses empty series; one NaN point draws nothing and keeps the chart valid. */
  private static double[] orEmpty(double[] v) {
    return v.length == 0 ? new double[] {Double.NaN} : v;
  }

  private static <T> double[] column(List<T> rows, ToDoubleFunction<T> f) {
    return rows.stream().mapToDouble(f).toArray();
  }

  private static Path write(Path png, XYChart chart) {
    try {
      Path parent = png.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try (OutputStream out = Files.newOutputStream(png)) {
        BitmapEncoder.saveBitmap(chart, out, BitmapFormat.PNG);
      }
      return png;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write plot " + png, e);
    }
  }
}
