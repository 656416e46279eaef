package io.cellwork.loaddriver.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cellwork.loaddriver.usl.UslFit;
import io.cellwork.loaddriver.usl.UslPoint;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotsTest {
  private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  @TempDir Path dir;

  private static void assertPng(Path png) throws Exception {
    byte[] bytes = Files.readAllBytes(png);
    assertArrayEquals(PNG_MAGIC, Arrays.copyOf(bytes, PNG_MAGIC.length), "PNG signature of " + png);
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(Plots.WIDTH, image.getWidth());
    assertEquals(Plots.HEIGHT, image.getHeight());
  }

  @Test
  void latencyAndThroughputOverTime() throws Exception {
    List<LatencySample> latency = new ArrayList<>();
    List<ThroughputSample> throughput = new ArrayList<>();
    for (int t = 1; t <= 30; t++) {
      latency.add(new LatencySample(t, 2, 4, t == 10 ? 1000 : 9, t == 10 ? 1010 : 20));
      throughput.add(new ThroughputSample(t, 1000, t == 10 ? 0 : 995, t == 10 ? 1000 : 5));
    }
    Path l = Plots.latencyOverTime(dir.resolve("nested/latency.png"), "latency", latency);
    assertEquals(dir.resolve("nested/latency.png"), l);
    assertPng(l);
    assertPng(Plots.throughputOverTime(dir.resolve("throughput.png"), "throughput", throughput));
  }

  @Test
  void aRetryStormGetsItsOwnAxisAndStillGivesAValidPng() throws Exception {
    List<ThroughputSample> throughput = new ArrayList<>();
    for (int t = 1; t <= 20; t++) {
      boolean outage = t >= 5 && t < 11;
      throughput.add(new ThroughputSample(t, 250, outage ? 0 : 250, 0, outage ? 12_000 : 250));
    }
    assertPng(Plots.throughputOverTime(dir.resolve("storm.png"), "storm", throughput));
  }

  @Test
  void emptySamplesStillGiveAValidPng() throws Exception {
    assertPng(Plots.latencyOverTime(dir.resolve("empty.png"), "no samples", List.of()));
    assertPng(Plots.lines(dir.resolve("none.png"), "none", "x", "y", Map.of()));
  }

  @Test
  void uslCurveWithAndWithoutAFit() throws Exception {
    List<UslPoint> points = new ArrayList<>();
    for (int n = 1; n <= 32; n *= 2) {
      points.add(new UslPoint(n, UslFit.throughput(1000, 0.05, 0.002, n)));
    }
    assertPng(Plots.uslCurve(dir.resolve("usl.png"), "usl", points, UslFit.fit(points)));
    List<UslPoint> two = points.subList(0, 2);
    assertPng(Plots.uslCurve(dir.resolve("usl-unsupported.png"), "usl", two, UslFit.fit(two)));
  }

  @Test
  void genericLines() throws Exception {
    Map<String, double[][]> series = new LinkedHashMap<>();
    series.put("power", new double[][] {{0, 0.1, 0.2}, {0.05, 0.6, 0.99}});
    series.put("alpha", new double[][] {{0, 0.2}, {0.05, 0.05}});
    assertPng(Plots.lines(dir.resolve("power.png"), "detection power", "shift", "power", series));
    assertThrows(IllegalArgumentException.class, () -> Plots.lines(dir.resolve("bad.png"), "t", "x", "y",
        Map.of("bad", new double[][] {{1, 2}, {1}})));
  }
}
