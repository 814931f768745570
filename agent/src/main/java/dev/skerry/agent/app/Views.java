package dev.skerry.agent.app;

import dev.skerry.agent.api.AgentStatus;
import dev.skerry.agent.api.AgentView;
import dev.skerry.agent.api.MetricsSnapshot;
import dev.skerry.agent.control.ReconcileMetrics;
import dev.skerry.agent.control.Reconciler;
import dev.skerry.agent.store.Outbox;
import dev.skerry.agent.sync.MqttLink;
import dev.skerry.agent.sync.SyncMetrics;
import dev.skerry.core.wire.VolumeStatus;
import dev.skerry.core.wire.WorkloadStatus;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Adapts the reconciler's and the link's in-memory state to what the local API shows. */
final class Views implements AgentView {
  private final String deviceId;
  private final Reconciler reconciler;
  private final MqttLink link;
  private final SyncMetrics sync;
  private final AgentStatus.StoreRecovered storeRecovered;
  private final Outbox outbox;
  private final java.util.function.Supplier<String> desiredNotActedOn;
  private final java.util.function.Supplier<List<VolumeStatus>> volumes;

  Views(
      String deviceId,
      Reconciler reconciler,
      MqttLink link,
      SyncMetrics sync,
      AgentStatus.StoreRecovered storeRecovered) {
    this(deviceId, reconciler, link, sync, storeRecovered, null);
  }

  /** With the {@code outbox} the metrics show (null: none). */
  Views(
      String deviceId,
      Reconciler reconciler,
      MqttLink link,
      SyncMetrics sync,
      AgentStatus.StoreRecovered storeRecovered,
      Outbox outbox) {
    this(deviceId, reconciler, link, sync, storeRecovered, outbox, () -> null);
  }

  /** With what keeps the stored desired document from being acted on ({@code null}: nothing). */
  Views(
      String deviceId,
      Reconciler reconciler,
      MqttLink link,
      SyncMetrics sync,
      AgentStatus.StoreRecovered storeRecovered,
      Outbox outbox,
      java.util.function.Supplier<String> desiredNotActedOn) {
    this(deviceId, reconciler, link, sync, storeRecovered, outbox, desiredNotActedOn, List::of);
  }

  /** With the named volumes the status and metrics show. */
  Views(
      String deviceId,
      Reconciler reconciler,
      MqttLink link,
      SyncMetrics sync,
      AgentStatus.StoreRecovered storeRecovered,
      Outbox outbox,
      java.util.function.Supplier<String> desiredNotActedOn,
      java.util.function.Supplier<List<VolumeStatus>> volumes) {
    this.volumes = volumes;
    this.desiredNotActedOn = desiredNotActedOn;
    this.outbox = outbox;
    this.deviceId = deviceId;
    this.storeRecovered = storeRecovered;
    this.reconciler = reconciler;
    this.link = link;
    this.sync = sync;
  }

  @Override
  public AgentStatus status() {
    Reconciler.Snapshot s = reconciler.snapshot();
    return new AgentStatus(
        deviceId,
        link != null && link.connected(),
        s.desiredRevision(),
        s.appliedRevision(),
        s.workloads(),
        storeRecovered,
        desiredNotActedOn.get(),
        volumes.get());
  }

  @Override
  public MetricsSnapshot metrics() {
    Reconciler.Snapshot s = reconciler.snapshot();
    ReconcileMetrics r = reconciler.metrics();
    Map<String, Long> byState = new TreeMap<>();
    for (WorkloadStatus w : s.workloads()) {
      byState.merge(w.state(), 1L, Long::sum);
    }
    return new MetricsSnapshot(
        r.passes(),
        r.passSeconds(),
        r.actionsDone(),
        r.actionsFailed(),
        byState,
        link != null && link.connected(),
        sync.connects(),
        sync.rejected(),
        sync.stale(),
        sync.reportsPublished(),
        s.desiredRevision(),
        s.appliedRevision(),
        sync.eventsPublished(),
        outbox == null ? 0 : outbox.outboxPending(),
        outbox == null ? 0 : outbox.outboxDropped(),
        volumes.get());
  }
}
