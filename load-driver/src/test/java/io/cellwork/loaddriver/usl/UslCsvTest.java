package io.cellwork.loaddriver.usl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UslCsvTest {
  @Test
  void readsPointsSkippingCommentsAndBlankLines() throws Exception {
    List<UslPoint> points = UslCsv.parse("t.csv", List.of("# sweep", "n, throughput", "", "1, 100.5", "2,190"));
    assertEquals(List.of(new UslPoint(1, 100.5), new UslPoint(2, 190)), points);
  }

  @Test
  void roundTripsThroughAFile(@TempDir Path dir) throws Exception {
    List<UslPoint> points = List.of(new UslPoint(1, 100), new UslPoint(4, 333.25));
    assertEquals(points, UslCsv.read(UslCsv.write(dir.resolve("a/sweep.csv"), points)));
  }

  @Test
  void namesTheLineAndColumnOfABadNumber() {
    var e = assertThrows(UslCsv.FormatException.class,
        () -> UslCsv.parse("s.csv", List.of("n,throughput", "1,100", "2,abc")));
    assertEquals("s.csv:3: 'abc' in column 'throughput' is not a number", e.getMessage());
  }

  @Test
  void rejectsAWrongHeaderWrongColumnCountEmptyValuesAndEmptyFiles() {
    assertMessage(List.of("concurrency,rps", "1,100"), "s.csv:1: expected the header 'n,throughput'");
    assertMessage(List.of("n,throughput", "1,100,7"), "s.csv:2: expected 2 columns");
    assertMessage(List.of("n,throughput", ",100"), "s.csv:2: empty value in column 'n'");
    assertMessage(List.of("n,throughput", "1,Infinity"), "is not finite");
    assertMessage(List.of(), "empty file");
    assertMessage(List.of("n,throughput"), "no data rows");
  }

  private static void assertMessage(List<String> lines, String part) {
    var e = assertThrows(UslCsv.FormatException.class, () -> UslCsv.parse("s.csv", lines));
    assertTrue(e.getMessage().contains(part), () -> "'" + e.getMessage() + "' lacks '" + part + "'");
  }
}
