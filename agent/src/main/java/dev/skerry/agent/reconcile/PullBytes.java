package dev.skerry.agent.reconcile;

import java.util.Locale;

/**
 * How far an image pull has come, as the runtime reports it; shown in a pulling workload's status.
 */
public record PullBytes(long done, long total) {
  /** {@code pulling: 3.2 of 10.5 MiB (30%)}. */
  String message() {
    double mib = 1024.0 * 1024;
    long percent = total > 0 ? Math.min(100, done * 100 / total) : 0;
    return String.format(
        Locale.ROOT, "pulling: %.1f of %.1f MiB (%d%%)", done / mib, total / mib, percent);
  }
}
