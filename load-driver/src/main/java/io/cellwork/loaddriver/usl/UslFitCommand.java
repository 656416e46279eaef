package io.cellwork.loaddriver.usl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cellwork.loaddriver.report.Plots;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cellctl load usl-fit FILE.csv [--json] [--plot FILE.png]}: fits the Universal Scalability Law to a
 * sweep's {@code n,throughput} CSV and prints α, β, λ, N* and the peak throughput. Exit codes:
 * 0 fitted, 1 the file is missing or malformed, 3 the data cannot support a fit (picocli uses 2
 * for usage errors).
 */
@Command(
    name = "usl-fit",
    mixinStandardHelpOptions = true,
    description = "Fit the Universal Scalability Law X(N) = λN/(1+α(N−1)+βN(N−1)) to a CSV"
        + " with header n,throughput.")
public final class UslFitCommand implements Callable<Integer> {
  public static final int EXIT_OK = 0;
  public static final int EXIT_BAD_FILE = 1;
  public static final int EXIT_UNSUPPORTED = 3;

  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE.csv", description = "CSV with header n,throughput")
  Path file;

  @Option(names = "--json", description = "Print one JSON line instead of a table.")
  boolean json;

  @Option(
      names = "--plot",
      paramLabel = "FILE.png",
      description = "Also draw the measured points and the fitted curve to this PNG.")
  Path plot;

  public static void main(String[] args) {
    System.exit(new CommandLine(new UslFitCommand()).execute(args));
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<UslPoint> points;
    try {
      points = UslCsv.read(file);
    } catch (NoSuchFileException e) {
      err.println("usl-fit: no such file: " + file);
      return EXIT_BAD_FILE;
    } catch (IOException e) {
      err.println("usl-fit: " + e.getMessage());
      return EXIT_BAD_FILE;
    }
    UslFitResult fit = UslFit.fit(points);
    if (plot != null) {
      Plots.uslCurve(plot, "USL fit of " + file.getFileName(), points, fit);
    }
    if (!fit.supported()) {
      err.println("usl-fit: the data cannot support a USL fit: " + fit.reason());
      return EXIT_UNSUPPORTED;
    }
    if (json) {
      out.println(toJson(fit));
    } else {
      printTable(out, fit, points.size());
      if (plot != null) {
        out.println("plot: " + plot.toAbsolutePath());
      }
    }
    out.flush();
    return EXIT_OK;
  }

  /** One line: {@code {"alpha":..,"beta":..,"lambda":..,"nStar":..,"peakThroughput":..}}. */
  public static String toJson(UslFitResult fit) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("alpha", fit.alpha());
    fields.put("beta", fit.beta());
    fields.put("lambda", fit.lambda());
    fields.put("nStar", fit.hasFinitePeak() ? fit.nStar() : null);
    fields.put("peakThroughput", fit.peakThroughput());
    try {
      return JSON.writeValueAsString(fields);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of numbers always serialises", e);
    }
  }

  private static void printTable(PrintWriter out, UslFitResult fit, int points) {
    out.printf(Locale.ROOT, "USL fit over %d points: X(N) = λN / (1 + α(N−1) + βN(N−1))%n", points);
    row(out, "α (contention)", String.format(Locale.ROOT, "%.6g", fit.alpha()), "serial share of the work");
    row(out, "β (coherency)", String.format(Locale.ROOT, "%.6g", fit.beta()), "crosstalk cost per pair");
    row(out, "λ", String.format(Locale.ROOT, "%.6g", fit.lambda()), "throughput of one unit of concurrency");
    row(out, "N*", fit.hasFinitePeak() ? String.format(Locale.ROOT, "%.1f", fit.nStar()) : "∞",
        "concurrency at peak throughput");
    row(out, "peak throughput", String.format(Locale.ROOT, "%.1f", fit.peakThroughput()),
        fit.hasFinitePeak() ? "X(N*)" : "X at the largest measured n");
    out.println("note: " + fit.reason());
  }

  private static void row(PrintWriter out, String name, String value, String meaning) {
    out.printf(Locale.ROOT, "%-16s %14s  %s%n", name, value, meaning);
  }
}
