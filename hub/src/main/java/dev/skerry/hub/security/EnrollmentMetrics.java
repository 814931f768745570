package dev.skerry.hub.security;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Counts enrollments by result ({@code ok}, {@code unknown}, {@code expired}, ...). */
public final class EnrollmentMetrics {
  private final Map<String, AtomicLong> byResult = new ConcurrentHashMap<>();

  void count(String result) {
    byResult.computeIfAbsent(result, r -> new AtomicLong()).incrementAndGet();
  }

  /** A snapshot, sorted by result. */
  public Map<String, Long> counts() {
    Map<String, Long> out = new TreeMap<>();
    byResult.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }
}
