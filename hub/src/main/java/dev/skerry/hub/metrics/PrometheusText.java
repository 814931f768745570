package dev.skerry.hub.metrics;

import java.util.Map;
import java.util.TreeMap;

/** Writes Prometheus' text exposition format: HELP and TYPE lines, then samples. */
final class PrometheusText {
  private final StringBuilder out = new StringBuilder();

  void gauge(String name, String help) {
    header(name, help, "gauge");
  }

  void counter(String name, String help) {
    header(name, help, "counter");
  }

  void histogram(String name, String help) {
    header(name, help, "histogram");
  }

  private void header(String name, String help, String type) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  void sample(String name, Map<String, String> labels, double value) {
    out.append(name);
    if (!labels.isEmpty()) {
      out.append('{');
      boolean first = true;
      for (var e : new TreeMap<>(labels).entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        out.append(e.getKey()).append("=\"").append(escape(e.getValue())).append('"');
      }
      out.append('}');
    }
    out.append(' ');
    if (value == Math.rint(value) && !Double.isInfinite(value)) {
      out.append((long) value);
    } else {
      out.append(value);
    }
    out.append('\n');
  }

  private static String escape(String v) {
    return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
