package dev.skerry.hub.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds a {@code describe} view: {@code Label: value} lines whose values line up within a block,
 * nested blocks indented by two spaces, multi-line values continued under the first line.
 */
final class Fields {
  private final int indent;
  private final List<Object> lines = new ArrayList<>();

  Fields() {
    this(0);
  }

  private Fields(int indent) {
    this.indent = indent;
  }

  private record Field(String label, List<String> values) {}

  /** A field; null or empty values show as {@code <none>}. */
  Fields field(String label, String value) {
    return field(label, value == null || value.isEmpty() ? List.of("<none>") : List.of(value));
  }

  /** A field with one value per line; none shows as {@code <none>}. */
  Fields field(String label, List<String> values) {
    lines.add(new Field(label, values.isEmpty() ? List.of("<none>") : List.copyOf(values)));
    return this;
  }

  /** A heading line ({@code label:}) followed by the returned nested block. */
  Fields section(String label) {
    lines.add(" ".repeat(indent) + label + ":");
    Fields nested = new Fields(indent + 2);
    lines.add(nested);
    return nested;
  }

  /** A line of text at this block's indentation. */
  Fields text(String line) {
    lines.add(" ".repeat(indent) + line);
    return this;
  }

  String render() {
    int width = 0;
    for (Object o : lines) {
      if (o instanceof Field f) {
        width = Math.max(width, f.label.length() + 1);
      }
    }
    StringBuilder sb = new StringBuilder();
    for (Object o : lines) {
      if (o instanceof Field f) {
        String pad = " ".repeat(indent);
        String label = f.label + ":";
        for (int i = 0; i < f.values.size(); i++) {
          String head = i == 0 ? label : "";
          sb.append(pad).append(head).append(" ".repeat(width - head.length() + 2));
          sb.append(f.values.get(i)).append('\n');
        }
      } else if (o instanceof Fields nested) {
        sb.append(nested.render());
      } else {
        sb.append(o).append('\n');
      }
    }
    return sb.toString();
  }
}
