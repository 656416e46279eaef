package io.cellwork.loaddriver.usl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class UslFitCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = new CommandLine(new UslFitCommand());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  private static String resource(String name) throws URISyntaxException {
    return Path.of(UslFitCommandTest.class.getResource("/usl/" + name).toURI()).toString();
  }

  @Test
  void jsonIsOneLineWithTheFiveKeys() throws Exception {
    assertEquals(UslFitCommand.EXIT_OK, run(resource("sweep.csv"), "--json"), err.toString());
    List<String> lines = out.toString().lines().toList();
    assertEquals(1, lines.size(), out.toString());
    JsonNode json = new ObjectMapper().readTree(lines.get(0));
    assertEquals(List.of("alpha", "beta", "lambda", "nStar", "peakThroughput"), iterable(json));
    assertEquals(0.05, json.get("alpha").asDouble(), 0.01);
    assertEquals(0.002, json.get("beta").asDouble(), 2e-4);
    assertEquals(1000, json.get("lambda").asDouble(), 30);
    assertEquals(Math.sqrt(0.95 / 0.002), json.get("nStar").asDouble(), 2);
    assertTrue(json.get("peakThroughput").asDouble() > 7000);
  }

  @Test
  void jsonNStarIsNullWithoutAFinitePeak() throws Exception {
    assertEquals(UslFitCommand.EXIT_OK, run(resource("linear.csv"), "--json"), err.toString());
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertTrue(json.get("nStar").isNull(), out.toString());
    assertEquals(800, json.get("peakThroughput").asDouble(), 1e-3);
  }

  @Test
  void tablePrintsEveryQuantity() throws Exception {
    assertEquals(UslFitCommand.EXIT_OK, run(resource("sweep.csv")), err.toString());
    for (String label : List.of("α (contention)", "β (coherency)", "λ", "N*", "peak throughput")) {
      assertTrue(out.toString().contains(label), () -> "missing " + label + " in\n" + out);
    }
  }

  @Test
  void plotOptionWritesThePng(@TempDir Path dir) throws Exception {
    Path png = dir.resolve("usl.png");
    assertEquals(UslFitCommand.EXIT_OK, run(resource("sweep.csv"), "--json", "--plot", png.toString()));
    assertEquals(1, out.toString().lines().count(), "--json stays one line");
    assertTrue(ImageIO.read(png.toFile()).getWidth() > 0);
  }

  @Test
  void unsupportedFitExitsNonZeroWithTheReason() throws Exception {
    assertEquals(UslFitCommand.EXIT_UNSUPPORTED, run(resource("two-levels.csv"), "--json"));
    assertEquals("", out.toString());
    assertTrue(err.toString().contains("cannot support a USL fit"), err.toString());
  }

  @Test
  void badOrMissingFileExitsNonZeroWithTheReason() throws Exception {
    assertEquals(UslFitCommand.EXIT_BAD_FILE, run(resource("bad-number.csv")));
    assertTrue(err.toString().contains("bad-number.csv:3: 'abc'"), err.toString());
    assertEquals(UslFitCommand.EXIT_BAD_FILE, run(resource("bad-header.csv")));
    assertTrue(err.toString().contains("expected the header"), err.toString());
    assertEquals(UslFitCommand.EXIT_BAD_FILE, run("/nonexistent/sweep.csv"));
    assertTrue(err.toString().contains("no such file"), err.toString());
  }

  @Test
  void missingArgumentIsAUsageError() {
    assertEquals(CommandLine.ExitCode.USAGE, run());
  }

  private static List<String> iterable(JsonNode json) {
    List<String> names = new java.util.ArrayList<>();
    json.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
