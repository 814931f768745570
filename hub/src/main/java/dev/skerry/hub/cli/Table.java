package dev.skerry.hub.cli;

import java.util.ArrayList;
import java.util.List;

/** A kubectl-style text table: upper-case headers, columns padded and three spaces apart. */
final class Table {
  private static final String GAP = "   ";

  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();

  Table(List<String> headers) {
    this.headers = List.copyOf(headers);
  }

  /** Adds a row; missing or empty cells show as {@code <none>}, line breaks as spaces. */
  Table row(List<String> cells) {
    if (cells.size() != headers.size()) {
      throw new IllegalArgumentException(
          cells.size() + " cells for " + headers.size() + " columns");
    }
    List<String> clean = new ArrayList<>();
    for (String c : cells) {
      clean.add(c == null || c.isEmpty() ? "<none>" : c.replaceAll("\\s*\\R\\s*", " "));
    }
    rows.add(clean);
    return this;
  }

  int size() {
    return rows.size();
  }

  /** The table, one line per row after the header line, each ending in a line break. */
  String render() {
    int[] widths = new int[headers.size()];
    List<List<String>> all = new ArrayList<>();
    all.add(headers);
    all.addAll(rows);
    for (List<String> r : all) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], r.get(i).length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (List<String> r : all) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < widths.length; i++) {
        line.append(r.get(i));
        if (i < widths.length - 1) {
          line.append(" ".repeat(widths[i] - r.get(i).length())).append(GAP);
        }
      }
      sb.append(line.toString().stripTrailing()).append('\n');
    }
    return sb.toString();
  }
}
