package dev.skerry.agent.volume;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which volumes to keep, note and delete, from the volumes on disk, what the store remembers and
 * the names the desired workloads (and rollback targets) use. A named volume is marked wanted now;
 * an unnamed one found on disk without a record starts its clock now (an agent upgraded from a
 * version without records, or a record lost, never deletes at once); one unnamed for longer than
 * the retention is deleted. Records of volumes no longer on disk are dropped. Pure.
 */
public final class VolumeGc {
  /** What to do. */
  public record Decision(List<VolumeRecord> save, List<String> delete, List<String> forget) {}

  private VolumeGc() {}

  public static Decision decide(
      Set<String> onDisk,
      Map<String, VolumeRecord> records,
      Set<String> wanted,
      Instant now,
      Duration retention) {
    List<VolumeRecord> save = new ArrayList<>();
    List<String> delete = new ArrayList<>();
    List<String> forget = new ArrayList<>();
    for (String name : onDisk.stream().sorted().toList()) {
      VolumeRecord r = records.get(name);
      if (wanted.contains(name)) {
        save.add(r == null ? new VolumeRecord(name, now, now) : r.wantedAt(now));
      } else if (r == null) {
        save.add(new VolumeRecord(name, now, now));
      } else if (!now.isBefore(r.lastWantedAt().plus(retention))) {
        delete.add(name);
      }
    }
    for (String name : records.keySet().stream().sorted().toList()) {
      if (!onDisk.contains(name)) {
        forget.add(name);
      }
    }
    return new Decision(List.copyOf(save), List.copyOf(delete), List.copyOf(forget));
  }
}
