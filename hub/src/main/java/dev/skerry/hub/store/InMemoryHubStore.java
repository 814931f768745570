package dev.skerry.hub.store;

import dev.skerry.hub.access.AccessStore.AuditEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A {@link HubStore} in plain maps, for unit tests. Thread-safe by one lock. */
public final class InMemoryHubStore implements HubStore {
  private final List<AuditEntry> audited = new java.util.ArrayList<>();
  static final Comparator<DeploymentRecord> OLDEST_FIRST =
      Comparator.comparing(DeploymentRecord::createdAt).thenComparing(DeploymentRecord::name);

  private final TreeMap<String, DeviceRecord> devices = new TreeMap<>();
  private final Map<String, DeploymentRecord> deployments = new HashMap<>();
  private final List<DeploymentRecord> history = new ArrayList<>();
  private final Map<String, DesiredRecord> desired = new TreeMap<>();
  private final TreeMap<String, RolloutRecord> rollouts = new TreeMap<>();
  private final Map<String, TreeMap<String, RolloutDeviceRecord>> rolloutDevices = new HashMap<>();
  private final List<RolloutEventRecord> rolloutEvents = new ArrayList<>();
  private final Map<String, TreeMap<Long, DeviceEvent>> events = new HashMap<>();
  private final Map<String, EventCursor> cursors = new HashMap<>();

  @Override
  public synchronized List<DeviceRecord> devices() {
    return List.copyOf(devices.values());
  }

  @Override
  public synchronized Optional<DeviceRecord> device(String id) {
    return Optional.ofNullable(devices.get(id));
  }

  @Override
  public synchronized List<DeviceRecord> devicesAfter(String afterId, int limit) {
    var tail = afterId == null ? devices : devices.tailMap(afterId, false);
    return tail.values().stream().limit(limit).toList();
  }

  @Override
  public synchronized void putDevice(DeviceRecord device, AuditEntry audit) {
    devices.put(device.id(), device);
    audit(audit);
  }

  private void audit(AuditEntry entry) {
    if (entry != null) {
      audited.add(entry);
    }
  }

  /** The audit entries written with changes, oldest first. */
  public synchronized List<AuditEntry> audited() {
    return List.copyOf(audited);
  }

  @Override
  public synchronized List<DeploymentRecord> deployments() {
    return deployments.values().stream().sorted(OLDEST_FIRST).toList();
  }

  @Override
  public synchronized Optional<DeploymentRecord> deployment(String name) {
    return Optional.ofNullable(deployments.get(name));
  }

  @Override
  public synchronized long latestRevision(String name) {
    return history.stream()
        .filter(r -> r.name().equals(name))
        .mapToLong(DeploymentRecord::revision)
        .max()
        .orElse(0);
  }

  @Override
  public synchronized void putDeployment(DeploymentRecord deployment, AuditEntry audit) {
    if (deployment.revision() <= latestRevision(deployment.name())) {
      throw new StoreException(
          "deployment " + deployment.name() + " revision " + deployment.revision() + " exists");
    }
    deployments.put(
        deployment.name(),
        new DeploymentRecord(
            deployment.name(),
            deployment.revision(),
            deployment.specJson(),
            deployment.contentHash(),
            deployment.createdAt(),
            deployment.updatedAt()));
    history.add(deployment);
    audit(audit);
  }

  @Override
  public synchronized boolean deleteDeployment(String name, AuditEntry audit) {
    rollouts.remove(name);
    rolloutDevices.remove(name);
    boolean deleted = deployments.remove(name) != null;
    if (deleted) {
      audit(audit);
    }
    return deleted;
  }

  @Override
  public synchronized List<DeploymentRecord> history(String name) {
    return history.stream().filter(r -> r.name().equals(name)).toList();
  }

  @Override
  public synchronized List<DesiredRecord> desired() {
    return List.copyOf(desired.values());
  }

  @Override
  public synchronized Optional<DesiredRecord> desired(String deviceId) {
    return Optional.ofNullable(desired.get(deviceId));
  }

  @Override
  public synchronized void putDesired(DesiredRecord record) {
    DesiredRecord old = desired.get(record.deviceId());
    if (old != null && record.revision() <= old.revision()) {
      throw new StoreException(
          "device " + record.deviceId() + " revision " + record.revision() + " is not newer");
    }
    desired.put(record.deviceId(), record);
  }

  @Override
  public synchronized EventReceipt recordEvent(DeviceEvent event, long droppedThrough) {
    TreeMap<Long, DeviceEvent> mine =
        events.computeIfAbsent(event.deviceId(), k -> new TreeMap<>());
    boolean stored = mine.putIfAbsent(event.seq(), event) == null;
    return new EventReceipt(stored, advance(event.deviceId(), droppedThrough));
  }

  @Override
  public synchronized long skipEventsThrough(String deviceId, long droppedThrough) {
    return advance(deviceId, droppedThrough);
  }

  private long advance(String deviceId, long droppedThrough) {
    EventCursor cursor = cursors.getOrDefault(deviceId, EventCursor.START);
    long from = Math.max(cursor.contiguous(), Math.max(cursor.floor(), droppedThrough));
    List<Long> above =
        List.copyOf(events.getOrDefault(deviceId, new TreeMap<>()).tailMap(from, false).keySet());
    EventCursor next = cursor.advance(droppedThrough, above);
    cursors.put(deviceId, next);
    return next.contiguous();
  }

  @Override
  public synchronized List<DeviceEvent> events(String deviceId, int limit) {
    return events.getOrDefault(deviceId, new TreeMap<>()).descendingMap().values().stream()
        .limit(limit)
        .toList();
  }

  @Override
  public void close() {}

  @Override
  public synchronized List<RolloutRecord> rollouts() {
    return List.copyOf(rollouts.values());
  }

  @Override
  public synchronized Optional<RolloutRecord> rollout(String name) {
    return Optional.ofNullable(rollouts.get(name));
  }

  @Override
  public synchronized List<RolloutDeviceRecord> rolloutDevices(String name) {
    return List.copyOf(rolloutDevices.getOrDefault(name, new TreeMap<>()).values());
  }

  @Override
  public synchronized List<RolloutEventRecord> rolloutEvents(String name, int limit) {
    List<RolloutEventRecord> mine =
        rolloutEvents.stream().filter(e -> e.name().equals(name)).toList();
    return List.copyOf(mine.subList(Math.max(0, mine.size() - limit), mine.size()));
  }

  @Override
  public synchronized void applyRollout(RolloutChange change) {
    String name = change.rollout().name();
    rollouts.put(name, change.rollout());
    TreeMap<String, RolloutDeviceRecord> devices =
        rolloutDevices.computeIfAbsent(name, n -> new TreeMap<>());
    if (change.clearDevices()) {
      devices.clear();
    }
    change.devices().forEach(d -> devices.put(d.deviceId(), d));
    for (RolloutEventRecord e : change.events()) {
      rolloutEvents.add(
          new RolloutEventRecord(
              rolloutEvents.size() + 1, e.name(), e.revision(), e.at(), e.kind(), e.message()));
    }
  }
}
