package dev.skerry.hub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.StringJoiner;

/**
 * One-line renderings of JSON values whose shape the CLI does not fix (strategy, conflicts): {@code
 * a=1, b.c=x, d=[p, q]}.
 */
final class Flat {
  private Flat() {}

  static String of(JsonNode node) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return "";
    }
    if (node.isValueNode()) {
      return node.asText();
    }
    StringJoiner j = node.isArray() ? new StringJoiner(", ", "[", "]") : new StringJoiner(", ");
    if (node.isArray()) {
      node.forEach(e -> j.add(of(e)));
    } else {
      node.fields().forEachRemaining(e -> pairs(e.getKey(), e.getValue(), j));
    }
    return j.toString();
  }

  private static void pairs(String prefix, JsonNode value, StringJoiner j) {
    if (value.isObject() && value.size() > 0) {
      value.fields().forEachRemaining(e -> pairs(prefix + "." + e.getKey(), e.getValue(), j));
    } else {
      j.add(prefix + "=" + of(value));
    }
  }
}
