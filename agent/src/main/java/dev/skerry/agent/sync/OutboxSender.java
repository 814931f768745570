package dev.skerry.agent.sync;

import dev.skerry.agent.store.Outbox;
import dev.skerry.agent.store.OutboxEntry;
import dev.skerry.core.wire.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Sends what waits in the outbox, oldest first. A report leaves the outbox when the broker
 * acknowledges it (PUBACK): reports coalesce, a lost one is replaced by the next. An event leaves
 * only when the hub acknowledges its number on the {@code ack} topic, so that an event the broker
 * took but the hub never stored is sent again: on every reconnect, and when the hub has not
 * acknowledged it within {@code resendAfter}. The hub drops the duplicates.
 *
 * <p>At most {@link #MAX_UNACKED_PUBLISHES} publishes wait for their PUBACK at a time (brokers
 * allow 10 to 20), and at most {@link #WINDOW} entries wait for any acknowledgement.
 *
 * <p>All methods but {@link #hubAcked} and {@link #start} run on the {@code scheduler} thread.
 */
public final class OutboxSender {
  private static final Logger LOG = Logger.getLogger(OutboxSender.class.getName());
  static final int WINDOW = 200;
  static final int MAX_UNACKED_PUBLISHES = 8;
  private static final Duration POLL = Duration.ofMillis(500);

  private final String deviceId;
  private final Outbox store;
  private final HubLink link;
  private final ScheduledExecutorService scheduler;
  private final SyncMetrics metrics;
  private final Duration resendAfter;
  private final Map<Long, Sent> inFlight = new HashMap<>();

  private record Sent(OutboxEntry entry, long atNanos, boolean pubacked) {}

  public OutboxSender(
      String deviceId,
      Outbox store,
      HubLink link,
      ScheduledExecutorService scheduler,
      SyncMetrics metrics,
      Duration resendAfter) {
    this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
    this.store = Objects.requireNonNull(store, "store");
    this.link = Objects.requireNonNull(link, "link");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.resendAfter = Objects.requireNonNull(resendAfter, "resendAfter");
  }

  /**
   * Replays everything on each connect, and looks for new entries (events logged anywhere in the
   * agent) twice a second.
   */
  public void start() {
    link.onConnected(
        () -> {
          long connectedAt = System.nanoTime();
          onScheduler(() -> replay(connectedAt));
        });
    scheduler.scheduleWithFixedDelay(
        this::tick, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void tick() {
    try {
      resendOverdue();
      flush();
    } catch (RuntimeException e) {
      LOG.warning("outbox: " + e); // never let it escape: it would cancel the polling
    }
  }

  /**
   * A new connection: nothing published before it counts as delivered. What was published since
   * (another connect listener may have been quicker) is not sent twice.
   */
  void replay(long connectedAt) {
    inFlight.values().removeIf(s -> s.atNanos() - connectedAt < 0);
    flush();
  }

  /** Publishes pending entries not yet in flight, within the limits. */
  public void flush() {
    if (!link.connected()) {
      return;
    }
    int awaitingPuback = (int) inFlight.values().stream().filter(s -> !s.pubacked()).count();
    for (OutboxEntry e : store.pendingOutbox(WINDOW)) {
      if (awaitingPuback >= MAX_UNACKED_PUBLISHES) {
        return;
      }
      if (inFlight.containsKey(e.seq())) {
        continue;
      }
      inFlight.put(e.seq(), new Sent(e, System.nanoTime(), false));
      awaitingPuback++;
      String topic = e.isEvent() ? Topics.events(deviceId) : topicOf(e);
      link.publish(topic, e.payload(), 1, false)
          .whenComplete((ok, error) -> onScheduler(() -> published(e, error)));
    }
  }

  private String topicOf(OutboxEntry e) {
    return OutboxEntry.REPORT.equals(e.kind())
        ? Topics.reported(deviceId)
        : Topics.events(deviceId);
  }

  private void published(OutboxEntry e, Throwable error) {
    Sent sent = inFlight.get(e.seq());
    if (sent == null || sent.pubacked()) {
      return; // from before a reconnect or a resend
    }
    if (error != null) {
      inFlight.remove(e.seq()); // the next flush tries again
      return;
    }
    inFlight.put(e.seq(), new Sent(e, sent.atNanos(), true));
    if (e.isEvent()) {
      metrics.eventsPublished.incrementAndGet();
    } else {
      metrics.reportsPublished.incrementAndGet();
      store.ackOutbox(e.seq()).whenComplete((v, x) -> onScheduler(() -> inFlight.remove(e.seq())));
    }
    // Refill when half the PUBACK window is free: one outbox read sends several entries.
    if (inFlight.values().stream().filter(s -> !s.pubacked()).count()
        <= MAX_UNACKED_PUBLISHES / 2) {
      flush();
    }
  }

  /** The hub stored every event up to {@code eventsThrough}. Any thread. */
  public void hubAcked(long eventsThrough) {
    store
        .ackEventsThrough(eventsThrough)
        .whenComplete(
            (removed, x) ->
                onScheduler(
                    () -> {
                      inFlight
                          .values()
                          .removeIf(
                              s -> s.entry().isEvent() && s.entry().eventSeq() <= eventsThrough);
                      flush();
                    }));
  }

  /** Events the hub has not acknowledged for {@code resendAfter} are sent again. */
  private void resendOverdue() {
    long limit = System.nanoTime() - resendAfter.toNanos();
    if (inFlight.values().removeIf(s -> s.entry().isEvent() && s.atNanos() < limit)) {
      LOG.info("the hub has not acknowledged some events for " + resendAfter + "; sending again");
    }
  }

  private void onScheduler(Runnable r) {
    try {
      scheduler.execute(r);
    } catch (RejectedExecutionException e) {
      // shutting down
    }
  }
}
