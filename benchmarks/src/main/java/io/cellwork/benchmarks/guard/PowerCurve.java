package io.cellwork.benchmarks.guard;

import io.cellwork.intelligence.simulation.GuardSimulation;
import io.cellwork.intelligence.simulation.Scenario;
import io.cellwork.intelligence.simulation.SimulationSettings;
import io.cellwork.intelligence.simulation.World;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The feedback detectors' power curve: for coupling C = 0, 0.05, ..., 0.5 it runs the guard
 * simulation ({@link GuardSimulation}, feedback scenario) over K seeds in two worlds and reports,
 * for the holdout sequential test and for the seed's "correlation > 0.8" check, the alarm rate
 * (the share of runs that alarmed) and the median and 90th percentile of the delay (tasks until
 * the alarm, over the runs that alarmed). At C = 0 the alarm rate is the false-alarm rate.
 * Prints a table and writes power.png (alarm rate vs C) and delay.png (median delay vs C).
 *
 * <p>Usage: {@code PowerCurve [--out DIR] [--seeds K] [--samples N] [--couplings C1,C2,...]};
 * defaults var/reports/guard-power, 50, 10000, 0 to 0.5 by 0.05 ({@code --couplings 0 --seeds
 * 2000} measures the false-alarm rate). Single-threaded, deterministic, ~10 s with the defaults.
 */
public final class PowerCurve {
  private static final double MAX_COUPLING = 0.5;
  private static final double COUPLING_STEP = 0.05;
  private static final double P90 = 0.9;
  private static final int CHART_WIDTH = 900;
  private static final int CHART_HEIGHT = 540;

  /** One detector in one world at one coupling. */
  record Point(double coupling, double alarmRate, Long medianDelay, Long p90Delay) {}

  /** A detector's curve in a world. */
  record Curve(String name, List<Point> points) {}

  public static void main(String[] args) throws IOException {
    Path out = Path.of("var/reports/guard-power");
    int seeds = 50;
    int samples = SimulationSettings.DEFAULT_SAMPLES;
    List<Double> couplings = new ArrayList<>();
    for (int step = 0; step * COUPLING_STEP <= MAX_COUPLING + 1e-9; step++) {
      couplings.add(step * COUPLING_STEP);
    }
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--out" -> out = Path.of(args[++i]);
        case "--seeds" -> seeds = Integer.parseInt(args[++i]);
        case "--samples" -> samples = Integer.parseInt(args[++i]);
        case "--couplings" -> couplings = Arrays.stream(args[++i].split(",")).map(Double::valueOf).toList();
        default -> {
          System.err.println("usage: PowerCurve [--out DIR] [--seeds K] [--samples N] [--couplings C1,C2,...]");
          System.exit(2);
        }
      }
    }
    System.setProperty("java.awt.headless", "true");
    List<Curve> curves = new ArrayList<>();
    for (String worldName : List.of("wide", "narrow")) {
      World world = worldName.equals("wide") ? World.defaults() : World.narrowCosts();
      List<Point> sequential = new ArrayList<>();
      List<Point> naive = new ArrayList<>();
      for (double coupling : couplings) {
        List<Long> sequentialDelays = new ArrayList<>();
        List<Long> naiveDelays = new ArrayList<>();
        for (long seed = 0; seed < seeds; seed++) {
          GuardSimulation.Detailed run = new GuardSimulation(
              new SimulationSettings(Scenario.FEEDBACK, coupling, seed, samples, world)).runWithDetail();
          if (run.result().feedbackAlarm()) {
            sequentialDelays.add(run.result().feedbackAlarmAfter());
          }
          if (run.naiveCorrelationAlarmAfter() != null) {
            naiveDelays.add(run.naiveCorrelationAlarmAfter());
          }
        }
        sequential.add(point(coupling, sequentialDelays, seeds));
        naive.add(point(coupling, naiveDelays, seeds));
      }
      curves.add(new Curve("holdout mSPRT, " + worldName, sequential));
      curves.add(new Curve("corr > 0.8, " + worldName, naive));
    }
    print(System.out, curves, seeds, samples);
    Files.createDirectories(out);
    Path power = out.resolve("power.png");
    Path delay = out.resolve("delay.png");
    BitmapEncoder.saveBitmap(rateChart(curves, seeds, samples), power.toString(), BitmapFormat.PNG);
    BitmapEncoder.saveBitmap(delayChart(curves, samples), delay.toString(), BitmapFormat.PNG);
    System.out.println("plots: " + power.toAbsolutePath() + " " + delay.toAbsolutePath());
  }

  private static Point point(double coupling, List<Long> delays, int seeds) {
    Collections.sort(delays);
    return new Point(coupling, delays.size() / (double) seeds, quantile(delays, 0.5), quantile(delays, P90));
  }

  /** Nearest-rank quantile, null for no alarms. */
  private static Long quantile(List<Long> sorted, double q) {
    if (sorted.isEmpty()) {
      return null;
    }
    int rank = (int) Math.ceil(q * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }

  private static void print(PrintStream out, List<Curve> curves, int seeds, int samples) {
    out.printf(Locale.ROOT, "Feedback-loop detection vs coupling C: %d seeds x %d tasks per point, 5%% holdout%n",
        seeds, samples);
    out.printf(Locale.ROOT, "%-24s %5s %8s %9s %9s%n", "detector, world", "C", "alarm %", "median", "p90");
    for (Curve curve : curves) {
      for (Point p : curve.points()) {
        out.printf(Locale.ROOT, "%-24s %5.2f %8.1f %9s %9s%n", curve.name(), p.coupling(), 100 * p.alarmRate(),
            p.medianDelay() == null ? "-" : p.medianDelay(), p.p90Delay() == null ? "-" : p.p90Delay());
      }
    }
  }

  private static XYChart rateChart(List<Curve> curves, int seeds, int samples) {
    XYChart chart = new XYChartBuilder().width(CHART_WIDTH).height(CHART_HEIGHT)
        .title(String.format(Locale.ROOT, "Feedback-loop alarm rate vs coupling (%d seeds x %d tasks; C = 0 is the false-alarm rate)",
            seeds, samples))
        .xAxisTitle("coupling C (served outcome = (1-C)·truth + C·prediction)").yAxisTitle("runs that alarmed").build();
    chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
    for (Curve curve : curves) {
      double[] x = curve.points().stream().mapToDouble(Point::coupling).toArray();
      double[] y = curve.points().stream().mapToDouble(Point::alarmRate).toArray();
      chart.addSeries(curve.name(), x, y).setMarker(SeriesMarkers.CIRCLE);
    }
    return chart;
  }

  private static XYChart delayChart(List<Curve> curves, int samples) {
    XYChart chart = new XYChartBuilder().width(CHART_WIDTH).height(CHART_HEIGHT)
        .title("Median tasks until the alarm (runs that alarmed; none plotted where none did)")
        .xAxisTitle("coupling C").yAxisTitle("tasks until the alarm").build();
    chart.getStyler().setYAxisMin(0.0).setYAxisMax((double) samples);
    for (Curve curve : curves) {
      List<Point> alarmed = curve.points().stream().filter(p -> p.medianDelay() != null).toList();
      if (alarmed.isEmpty()) {
        continue;
      }
      double[] x = alarmed.stream().mapToDouble(Point::coupling).toArray();
      double[] y = alarmed.stream().mapToDouble(p -> p.medianDelay()).toArray();
      chart.addSeries(curve.name(), x, y).setMarker(SeriesMarkers.CIRCLE);
    }
    return chart;
  }

  private PowerCurve() {}
}
