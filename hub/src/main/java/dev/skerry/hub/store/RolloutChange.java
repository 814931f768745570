package dev.skerry.hub.store;

import java.util.List;
import java.util.Objects;

/**
 * What one step of a rollout changes, written in one transaction so that a hub restart finds the
 * rollout exactly as it was after the last step.
 *
 * @param clearDevices drop the devices of an earlier rollout of this deployment first
 * @param devices devices to insert or replace
 * @param events events to append
 */
public record RolloutChange(
    RolloutRecord rollout,
    boolean clearDevices,
    List<RolloutDeviceRecord> devices,
    List<RolloutEventRecord> events) {
  public RolloutChange {
    Objects.requireNonNull(rollout, "rollout");
    devices = List.copyOf(devices);
    events = List.copyOf(events);
  }
}
