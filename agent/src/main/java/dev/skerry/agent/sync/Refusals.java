package dev.skerry.agent.sync;

import dev.skerry.agent.store.EventLog;
import dev.skerry.core.wire.Event;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * What the agent does with a message it refuses (malformed, oversized, unknown version, for another
 * device): counts it, logs the first of each kind at WARNING (later ones at FINE, so a broken
 * sender cannot flood the log), and answers with an {@code error} event to the hub, at most one per
 * kind and minute (so it cannot flood the outbox either). Any thread.
 */
public final class Refusals {
  private static final Logger LOG = Logger.getLogger(Refusals.class.getName());
  private static final long EVENT_INTERVAL_NANOS = 60_000_000_000L;

  private final EventLog store;
  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
  private final Map<String, Long> lastEventNanos = new ConcurrentHashMap<>();

  public Refusals(EventLog store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /**
   * @param what the message refused, e.g. {@code desired document}
   * @param reason why; its kind is the text before the first colon or digit
   */
  public void refused(String topic, String what, String reason) {
    String kind = kindOf(reason);
    long n = counts.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
    String text = what + " on " + topic + " refused: " + reason;
    if (n == 1) {
      LOG.warning(text + " (further refusals of this kind are logged at FINE)");
    } else {
      LOG.fine(text);
    }
    long now = System.nanoTime();
    Long last = lastEventNanos.get(kind);
    if (last == null || now - last > EVENT_INTERVAL_NANOS) {
      lastEventNanos.put(kind, now);
      store.logEvent(null, Event.ERROR, text);
    }
  }

  /** Refusals of one kind so far. */
  public long count(String kind) {
    AtomicLong c = counts.get(kind);
    return c == null ? 0 : c.get();
  }

  /** Every refusal so far. */
  public long total() {
    return counts.values().stream().mapToLong(AtomicLong::get).sum();
  }

  static String kindOf(String reason) {
    int end = reason.length();
    for (int i = 0; i < reason.length(); i++) {
      char c = reason.charAt(i);
      if (c == ':' || c == '=' || c == '\'' || Character.isDigit(c)) {
        end = i;
        break;
      }
    }
    return reason.substring(0, end).strip();
  }
}
