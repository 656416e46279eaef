package io.cellwork.loaddriver.report;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Left-aligned text columns, as wide as their widest cell; numbers read best right-aligned. */
public final class TextTable {
  private final List<String[]> rows = new ArrayList<>();
  private final boolean[] numeric;

  public TextTable(String... header) {
    rows.add(header);
    numeric = new boolean[header.length];
  }

  public TextTable row(Object... cells) {
    String[] text = new String[cells.length];
    for (int i = 0; i < cells.length; i++) {
      text[i] = cells[i] instanceof Double d ? String.format("%.1f", d) : String.valueOf(cells[i]);
      numeric[i] |= cells[i] instanceof Number;
    }
    rows.add(text);
    return this;
  }

  public void print(PrintStream out) {
    int[] width = new int[numeric.length];
    for (String[] row : rows) {
      for (int c = 0; c < row.length; c++) {
        width[c] = Math.max(width[c], row[c].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < row.length; c++) {
        String format = "%" + (numeric[c] && c > 0 ? "" : "-") + width[c] + "s";
        line.append(c == 0 ? "" : "  ").append(String.format(format, row[c]));
      }
      out.println(line.toString().stripTrailing());
    }
  }
}
