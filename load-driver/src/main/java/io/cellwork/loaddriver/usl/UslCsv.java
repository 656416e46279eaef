package io.cellwork.loaddriver.usl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads and writes sweep measurements as CSV with the header {@code n,throughput}: one point a
 * line, blank lines and lines starting with {@code #} ignored, surrounding spaces allowed.
 * Malformed input throws a {@link FormatException} naming the file and line.
 */
public final class UslCsv {
  static final String HEADER = "n,throughput";

  private UslCsv() {}

  /** Thrown when the file is readable but not a valid {@code n,throughput} CSV. */
  public static final class FormatException extends IOException {
    public FormatException(String message) {
      super(message);
    }
  }

  public static List<UslPoint> read(Path file) throws IOException {
    return parse(file.toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
  }

  /** Parses the lines of a CSV; {@code source} only names it in error messages. */
  public static List<UslPoint> parse(String source, List<String> lines) throws FormatException {
    List<UslPoint> points = new ArrayList<>();
    boolean headerSeen = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (i == 0 && line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = source + ":" + (i + 1);
      if (!headerSeen) {
        if (!line.replace(" ", "").toLowerCase(Locale.ROOT).equals(HEADER)) {
          throw new FormatException(
              where + ": expected the header '" + HEADER + "', found '" + line + "'");
        }
        headerSeen = true;
        continue;
      }
      String[] cells = line.split(",", -1);
      if (cells.length != 2) {
        throw new FormatException(
            where + ": expected 2 columns (n,throughput), found " + cells.length + ": '" + line + "'");
      }
      points.add(new UslPoint(number(cells[0], "n", where), number(cells[1], "throughput", where)));
    }
    if (!headerSeen) {
      throw new FormatException(source + ": empty file, expected the header '" + HEADER + "'");
    }
    if (points.isEmpty()) {
      throw new FormatException(source + ": no data rows after the header");
    }
    return points;
  }

  /** Writes {@code points} with the header, so a sweep's CSV can be refitted with usl-fit. */
  public static Path write(Path file, List<UslPoint> points) throws IOException {
    StringBuilder text = new StringBuilder(HEADER).append('\n');
    for (UslPoint p : points) {
      text.append(format(p.n())).append(',').append(format(p.throughput())).append('\n');
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    return Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  private static String format(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  private static double number(String cell, String column, String where) throws FormatException {
    String text = cell.strip();
    if (text.isEmpty()) {
      throw new FormatException(where + ": empty value in column '" + column + "'");
    }
    try {
      double value = Double.parseDouble(text);
      if (!Double.isFinite(value)) {
        throw new FormatException(where + ": '" + text + "' in column '" + column + "' is not finite");
      }
      return value;
    } catch (NumberFormatException e) {
      throw new FormatException(
          where + ": '" + text + "' in column '" + column + "' is not a number");
    }
  }
}
