package dev.skerry.hub.store;

import dev.skerry.hub.access.AccessStore.AuditEntry;
import java.util.List;
import java.util.Optional;

/**
 * The hub's persistent state: devices, deployments with their revision history, and each device's
 * desired document. Plain values in and out, so that a PostgreSQL implementation can sit beside
 * {@link SqliteHubStore}. Reads may run on any thread; writes are applied in call order.
 */
public interface HubStore extends AutoCloseable {

  List<DeviceRecord> devices();

  Optional<DeviceRecord> device(String id);

  /**
   * Up to {@code limit} devices with an id after {@code afterId} (from the first if null), ordered
   * by id as Java's {@link String#compareTo} orders ASCII ids.
   */
  List<DeviceRecord> devicesAfter(String afterId, int limit);

  /** Inserts or replaces the device. */
  default void putDevice(DeviceRecord device) {
    putDevice(device, null);
  }

  /** Inserts or replaces the device and, unless null, appends {@code audit} in one transaction. */
  void putDevice(DeviceRecord device, AuditEntry audit);

  /** Current deployments, oldest first (then by name). */
  List<DeploymentRecord> deployments();

  Optional<DeploymentRecord> deployment(String name);

  /** The highest revision this name ever had, including deleted deployments; 0 if never. */
  long latestRevision(String name);

  /** Makes {@code deployment} current and appends it to the revision history. */
  default void putDeployment(DeploymentRecord deployment) {
    putDeployment(deployment, null);
  }

  /**
   * As {@link #putDeployment(DeploymentRecord)}, with {@code audit} (unless null) in one
   * transaction.
   */
  void putDeployment(DeploymentRecord deployment, AuditEntry audit);

  /**
   * Removes the current deployment and its rollout (the revision history and rollout events stay);
   * false if there was none.
   */
  default boolean deleteDeployment(String name) {
    return deleteDeployment(name, null);
  }

  /**
   * As {@link #deleteDeployment(String)}; {@code audit} (unless null) is written only if it
   * deleted.
   */
  boolean deleteDeployment(String name, AuditEntry audit);

  /** The revision history of a name, oldest first. */
  List<DeploymentRecord> history(String name);

  List<DesiredRecord> desired();

  Optional<DesiredRecord> desired(String deviceId);

  /**
   * Stores a device's new desired document.
   *
   * @throws StoreException if the revision is not greater than the stored one
   */
  void putDesired(DesiredRecord desired);

  /** Every deployment's newest rollout, by name. */
  List<RolloutRecord> rollouts();

  Optional<RolloutRecord> rollout(String name);

  /** The devices a deployment's rollout has reached, by device id. */
  List<RolloutDeviceRecord> rolloutDevices(String name);

  /** The newest {@code limit} events of a deployment's rollouts, oldest first. */
  List<RolloutEventRecord> rolloutEvents(String name, int limit);

  /** Writes one step of a rollout atomically. */
  void applyRollout(RolloutChange change);

  /**
   * Stores a device event unless one with the same device and number is stored already, and
   * advances the device's event cursor, also past numbers up to {@code droppedThrough} that the
   * agent dropped.
   */
  EventReceipt recordEvent(DeviceEvent event, long droppedThrough);

  /**
   * Learns from a report that the agent dropped every unstored event up to {@code droppedThrough};
   * returns the device's contiguous event number after that.
   */
  long skipEventsThrough(String deviceId, long droppedThrough);

  /** The device's newest stored events, newest (highest number) first. */
  List<DeviceEvent> events(String deviceId, int limit);

  @Override
  void close();
}
