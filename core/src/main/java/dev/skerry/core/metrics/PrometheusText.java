package dev.skerry.core.metrics;

import java.util.Map;
import java.util.TreeMap;

/**
 * Writes Prometheus' text exposition format (version 0.0.4): a HELP and a TYPE line per metric,
 * then its samples. The agent and the hub both write their {@code /metrics} with it, so both escape
 * label values and print numbers the same way.
 *
 * <p>Not thread-safe: one instance per scrape.
 */
public final class PrometheusText {
  /** Integral values below this print without a fraction; above it a double is not exact. */
  private static final double EXACT_LONG = 1e15;

  private final StringBuilder out = new StringBuilder(1024);

  /** The HELP and TYPE lines of a gauge; its samples follow. */
  public PrometheusText gauge(String name, String help) {
    return header(name, help, "gauge");
  }

  /** The HELP and TYPE lines of a counter; its samples follow. */
  public PrometheusText counter(String name, String help) {
    return header(name, help, "counter");
  }

  /** The HELP and TYPE lines of a histogram; its bucket, sum and count samples follow. */
  public PrometheusText histogram(String name, String help) {
    return header(name, help, "histogram");
  }

  /** A gauge with one unlabelled sample. */
  public PrometheusText gauge(String name, String help, double value) {
    return gauge(name, help).sample(name, Map.of(), value);
  }

  /** A counter with one unlabelled sample. */
  public PrometheusText counter(String name, String help, double value) {
    return counter(name, help).sample(name, Map.of(), value);
  }

  /** One sample; labels are written sorted by name, so a scrape reads the same every time. */
  public PrometheusText sample(String name, Map<String, String> labels, double value) {
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
    out.append(' ').append(number(value)).append('\n');
    return this;
  }

  /** A sample value as Prometheus reads it: integers without a fraction, +Inf, -Inf, NaN. */
  static String number(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "+Inf" : "-Inf";
    }
    if (value == Math.rint(value) && Math.abs(value) < EXACT_LONG) {
      return Long.toString((long) value);
    }
    return Double.toString(value);
  }

  private PrometheusText header(String name, String help, String type) {
    out.append("# HELP ").append(name).append(' ').append(escapeHelp(help)).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    return this;
  }

  private static String escape(String v) {
    return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  /** HELP text escapes only backslash and line feed; a quote stays as it is. */
  private static String escapeHelp(String v) {
    return v.replace("\\", "\\\\").replace("\n", "\\n");
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
