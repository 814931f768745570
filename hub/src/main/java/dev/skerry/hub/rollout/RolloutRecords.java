package dev.skerry.hub.rollout;

import dev.skerry.hub.store.RolloutChange;
import dev.skerry.hub.store.RolloutDeviceRecord;
import dev.skerry.hub.store.RolloutEventRecord;
import dev.skerry.hub.store.RolloutRecord;

/**
 * Maps the store's rollout rows to the rollout's own values and back: the one place that knows
 * both, so that the decisions ({@link WaveStepper} and its helpers) never see the store.
 */
final class RolloutRecords {
  private RolloutRecords() {}

  static Rollout of(RolloutRecord r) {
    return new Rollout(
        r.name(),
        r.revision(),
        r.stableRevision(),
        r.state(),
        r.wave(),
        r.waveStartedAt(),
        r.settledSince(),
        r.startedAt(),
        r.updatedAt(),
        r.message());
  }

  static RolloutMember of(RolloutDeviceRecord m) {
    return new RolloutMember(
        m.name(),
        m.deviceId(),
        m.revision(),
        m.wave(),
        m.assignedAt(),
        m.status(),
        m.since(),
        m.message());
  }

  static RolloutEvent of(RolloutEventRecord e) {
    return new RolloutEvent(e.name(), e.revision(), e.at(), e.kind(), e.message());
  }

  /** One step as the store writes it, in one transaction. */
  static RolloutChange change(WaveStepper.Step step, Rollout stamped, boolean clearDevices) {
    return new RolloutChange(
        record(stamped),
        clearDevices,
        step.changed().stream().map(RolloutRecords::record).toList(),
        step.events().stream().map(RolloutRecords::record).toList());
  }

  static RolloutRecord record(Rollout r) {
    return new RolloutRecord(
        r.name(),
        r.revision(),
        r.stableRevision(),
        r.state(),
        r.wave(),
        r.waveStartedAt(),
        r.settledSince(),
        r.startedAt(),
        r.updatedAt(),
        r.message());
  }

  static RolloutDeviceRecord record(RolloutMember m) {
    return new RolloutDeviceRecord(
        m.name(),
        m.deviceId(),
        m.revision(),
        m.wave(),
        m.assignedAt(),
        m.status(),
        m.since(),
        m.message());
  }

  static RolloutEventRecord record(RolloutEvent e) {
    return new RolloutEventRecord(0, e.name(), e.revision(), e.at(), e.kind(), e.message());
  }
}
