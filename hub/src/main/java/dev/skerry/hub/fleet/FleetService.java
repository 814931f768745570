package dev.skerry.hub.fleet;

import dev.skerry.core.wire.Presence;
import dev.skerry.core.wire.StatusReport;
import dev.skerry.hub.access.AccessStore.AuditEntry;
import dev.skerry.hub.deploy.ControlLoop;
import dev.skerry.hub.deploy.Recomposer;
import dev.skerry.hub.store.DeviceRecord;
import dev.skerry.hub.store.HubStore;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device registry. A device registers on its first presence or report; its desired document is
 * recomposed when it is first seen and whenever its effective labels change. Changes run on the
 * {@link ControlLoop}; reads on the caller's thread (never an event loop).
 */
public final class FleetService {
  private static final Logger LOG = LoggerFactory.getLogger(FleetService.class);

  /** Rows read from the store at a time while filtering a page. */
  private static final int PAGE_CHUNK = 1000;

  private final HubStore store;
  private final Recomposer recomposer;
  private final ControlLoop loop;
  private final Clock clock;

  public FleetService(HubStore store, Recomposer recomposer, ControlLoop loop, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.recomposer = Objects.requireNonNull(recomposer, "recomposer");
    this.loop = Objects.requireNonNull(loop, "loop");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public List<DeviceRecord> devices() {
    return store.devices();
  }

  /**
   * One page of the devices {@code query} selects. Filters in the hub, reading the store in id
   * order a chunk at a time, and looks one match ahead so the last page carries no continuation.
   */
  public DevicePage page(DeviceQuery query) {
    int chunk = Math.max(query.limit() + 1, PAGE_CHUNK);
    List<DeviceRecord> matches = new ArrayList<>();
    String after = query.afterId();
    while (matches.size() <= query.limit()) {
      List<DeviceRecord> rows = store.devicesAfter(after, chunk);
      for (DeviceRecord d : rows) {
        if (query.online().map(o -> o == d.online()).orElse(true)
            && query.selector().matches(d.effectiveLabels())
            && matches.size() <= query.limit()) {
          matches.add(d);
        }
      }
      if (rows.size() < chunk) {
        break;
      }
      after = rows.get(rows.size() - 1).id();
    }
    if (matches.size() > query.limit()) {
      List<DeviceRecord> items = matches.subList(0, query.limit());
      return new DevicePage(items, items.get(items.size() - 1).id());
    }
    return new DevicePage(matches, null);
  }

  public Optional<DeviceRecord> device(String id) {
    return store.device(id);
  }

  /** The device revision the hub last composed for one device; 0 if none yet. */
  public long desiredRevision(String deviceId) {
    return store.desired(deviceId).map(d -> d.revision()).orElse(0L);
  }

  /** The device revision the hub last composed for each device; absent means 0. */
  public Map<String, Long> desiredRevisions() {
    Map<String, Long> revisions = new java.util.HashMap<>();
    store.desired().forEach(d -> revisions.put(d.deviceId(), d.revision()));
    return revisions;
  }

  /** Records a presence message; a stale offline (older epoch than known) is ignored. */
  public CompletableFuture<Void> onPresence(Presence presence) {
    return loop.submit(
        () -> {
          Optional<DeviceRecord> known = store.device(presence.deviceId());
          DeviceRecord d =
              known.orElseGet(() -> DeviceRecord.firstSeen(presence.deviceId(), now()));
          boolean online = Presence.ONLINE.equals(presence.state());
          if (!online && presence.epoch() < d.presenceEpoch()) {
            LOG.debug("Device {}: stale offline of epoch {}", d.id(), presence.epoch());
            return null;
          }
          DeviceRecord updated =
              new DeviceRecord(
                  d.id(),
                  d.reportedLabels(),
                  d.operatorLabels(),
                  online,
                  online ? now() : d.lastSeen(),
                  d.agentVersion(),
                  d.appliedRevision(),
                  d.reportSeq(),
                  Math.max(d.presenceEpoch(), presence.epoch()),
                  d.lastReportJson());
          store.putDevice(updated);
          if (known.isEmpty()) {
            LOG.info("Device {} registered ({})", d.id(), presence.state());
            recomposer.recompose();
          }
          return null;
        });
  }

  /**
   * Records a status report. Reports coalesce: one whose {@code seq} is not above the last accepted
   * one is dropped.
   */
  public CompletableFuture<Void> onReport(StatusReport report, String json) {
    return loop.submit(
        () -> {
          Optional<DeviceRecord> known = store.device(report.deviceId());
          if (known.isPresent() && report.seq() <= known.get().reportSeq()) {
            LOG.debug("Device {}: report {} already seen", report.deviceId(), report.seq());
            return null;
          }
          DeviceRecord d = known.orElseGet(() -> DeviceRecord.firstSeen(report.deviceId(), now()));
          DeviceRecord updated =
              new DeviceRecord(
                  d.id(),
                  report.labels(),
                  d.operatorLabels(),
                  true,
                  now(),
                  report.agentVersion(),
                  report.appliedRevision(),
                  report.seq(),
                  d.presenceEpoch(),
                  json);
          store.putDevice(updated);
          if (known.isEmpty()) {
            LOG.info("Device {} registered (report)", d.id());
          }
          if (known.isEmpty() || !d.effectiveLabels().equals(updated.effectiveLabels())) {
            recomposer.recompose();
          }
          return null;
        });
  }

  /**
   * Records a device that just enrolled: known from now on (offline until it connects), with its
   * join token's labels over its operator labels.
   */
  public CompletableFuture<DeviceRecord> enrolled(String deviceId, Map<String, String> labels) {
    return loop.submit(
        () -> {
          Optional<DeviceRecord> known = store.device(deviceId);
          DeviceRecord d = known.orElseGet(() -> DeviceRecord.firstSeen(deviceId, now()));
          Map<String, String> merged = new java.util.HashMap<>(d.operatorLabels());
          merged.putAll(labels);
          DeviceRecord updated = d.withOperatorLabels(merged);
          store.putDevice(updated);
          if (known.isEmpty() || !d.effectiveLabels().equals(updated.effectiveLabels())) {
            recomposer.recompose();
          }
          return updated;
        });
  }

  /** Replaces a device's operator labels; empty if the device is unknown. */
  public CompletableFuture<Optional<DeviceRecord>> setLabels(
      String deviceId, Map<String, String> labels) {
    return setLabels(deviceId, labels, null);
  }

  /** As {@link #setLabels(String, Map)}, writing {@code audit} in the transaction of the change. */
  public CompletableFuture<Optional<DeviceRecord>> setLabels(
      String deviceId, Map<String, String> labels, AuditEntry audit) {
    return loop.submit(
        () -> {
          Optional<DeviceRecord> known = store.device(deviceId);
          if (known.isEmpty()) {
            return Optional.empty();
          }
          DeviceRecord updated = known.get().withOperatorLabels(labels);
          store.putDevice(updated, audit);
          if (!known.get().effectiveLabels().equals(updated.effectiveLabels())) {
            recomposer.recompose();
          }
          return Optional.of(updated);
        });
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
