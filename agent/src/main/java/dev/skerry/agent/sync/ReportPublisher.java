package dev.skerry.agent.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.skerry.agent.control.Reconciler;
import dev.skerry.agent.store.Outbox;
import dev.skerry.agent.store.OutboxEntry;
import dev.skerry.core.wire.StatusReport;
import dev.skerry.core.wire.Topics;
import dev.skerry.core.wire.VolumeStatus;
import dev.skerry.core.wire.WireJson;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Publishes {@link StatusReport}s: on every status change (coalesced, at most one per {@code
 * minInterval}) and as a heartbeat. A report goes through the store's outbox first (its sequence
 * number comes from there, and a newer report replaces an unsent older one); the {@link
 * OutboxSender} sends it. It carries how many events the full outbox dropped.
 *
 * <p>All work runs on the {@code scheduler} thread (never a Paho or event-loop thread).
 */
public final class ReportPublisher implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ReportPublisher.class.getName());

  private final String deviceId;
  private final String agentVersion;
  private final Map<String, String> labels;
  private final Outbox store;
  private final HubLink link;
  private final OutboxSender sender;
  private final Supplier<Reconciler.Snapshot> status;
  private final ScheduledExecutorService scheduler;
  private final Clock clock;
  private final Duration minInterval;
  private final Duration heartbeat;
  private final SyncMetrics metrics;
  private final Supplier<List<VolumeStatus>> volumes;
  private final AtomicBoolean pending = new AtomicBoolean();
  private long lastBuiltNanos;

  public ReportPublisher(
      String deviceId,
      String agentVersion,
      Map<String, String> labels,
      Outbox store,
      HubLink link,
      OutboxSender sender,
      Supplier<Reconciler.Snapshot> status,
      ScheduledExecutorService scheduler,
      Clock clock,
      Duration minInterval,
      Duration heartbeat,
      SyncMetrics metrics) {
    this(
        deviceId,
        agentVersion,
        labels,
        store,
        link,
        sender,
        status,
        scheduler,
        clock,
        minInterval,
        heartbeat,
        metrics,
        List::of);
  }

  /** With the named volumes each report carries (read when the report is built). */
  public ReportPublisher(
      String deviceId,
      String agentVersion,
      Map<String, String> labels,
      Outbox store,
      HubLink link,
      OutboxSender sender,
      Supplier<Reconciler.Snapshot> status,
      ScheduledExecutorService scheduler,
      Clock clock,
      Duration minInterval,
      Duration heartbeat,
      SyncMetrics metrics,
      Supplier<List<VolumeStatus>> volumes) {
    this.volumes = Objects.requireNonNull(volumes, "volumes");
    this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
    this.agentVersion = Objects.requireNonNull(agentVersion, "agentVersion");
    this.labels = Map.copyOf(labels);
    this.store = Objects.requireNonNull(store, "store");
    this.link = Objects.requireNonNull(link, "link");
    this.sender = Objects.requireNonNull(sender, "sender");
    this.status = Objects.requireNonNull(status, "status");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.minInterval = Objects.requireNonNull(minInterval, "minInterval");
    this.heartbeat = Objects.requireNonNull(heartbeat, "heartbeat");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.lastBuiltNanos = System.nanoTime() - minInterval.toNanos();
  }

  /**
   * Starts the heartbeat, and sends a fresh report on every connect: the hub learns this device's
   * labels and state at once, not at the next heartbeat (a device's labels decide which deployments
   * reach it). Building a report also flushes what waits in the outbox.
   */
  public void start() {
    link.onConnected(() -> scheduler.execute(this::build));
    scheduler.scheduleWithFixedDelay(
        this::build, heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The status changed: a report follows within {@code minInterval}. Any thread. */
  public void statusChanged() {
    if (!pending.compareAndSet(false, true)) {
      return;
    }
    long waitNanos = Math.max(0, lastBuiltNanos + minInterval.toNanos() - System.nanoTime());
    try {
      scheduler.schedule(this::build, waitNanos, TimeUnit.NANOSECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      pending.set(false);
    }
  }

  /** Scheduler thread. */
  private void build() {
    pending.set(false);
    lastBuiltNanos = System.nanoTime();
    Reconciler.Snapshot s = status.get();
    // Never let an exception escape: it would silently cancel the periodic heartbeat.
    try {
      long dropped = store.outboxDropped();
      long droppedThrough = store.eventsDroppedThrough();
      store
          .appendOutbox(OutboxEntry.REPORT, true, seq -> json(s, seq, dropped, droppedThrough))
          .join();
      sender.flush();
    } catch (RuntimeException e) {
      LOG.warning("cannot queue or send a status report: " + e);
    }
  }

  private byte[] json(Reconciler.Snapshot s, long seq, long dropped, long droppedThrough) {
    try {
      return WireJson.mapper()
          .writeValueAsBytes(
              new StatusReport(
                  Topics.PROTOCOL_VERSION,
                  deviceId,
                  seq,
                  clock.instant(),
                  agentVersion,
                  labels,
                  s.desiredRevision(),
                  s.appliedRevision(),
                  s.workloads(),
                  dropped,
                  droppedThrough,
                  volumes.get()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    pending.set(true); // no more builds
  }
}
