package dev.skerry.agent.store;

import dev.skerry.agent.volume.VolumeRecord;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** {@link VolumeStore} in {@code agent.db}'s {@code volume}. */
final class SqliteVolumeStore implements VolumeStore {
  private final SqliteWriter db;

  SqliteVolumeStore(SqliteWriter db) {
    this.db = db;
  }

  @Override
  public Map<String, VolumeRecord> volumes() {
    return db.read(
        c -> {
          Map<String, VolumeRecord> out = new HashMap<>();
          try (PreparedStatement ps =
                  c.prepareStatement("SELECT name, first_seen_at, last_wanted_at FROM volume");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.put(
                  rs.getString(1),
                  new VolumeRecord(
                      rs.getString(1),
                      Instant.parse(rs.getString(2)),
                      Instant.parse(rs.getString(3))));
            }
          }
          return Map.copyOf(out);
        });
  }

  @Override
  public CompletableFuture<Void> saveVolume(VolumeRecord v) {
    return db.write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT OR REPLACE INTO volume (name, first_seen_at, last_wanted_at)"
                      + " VALUES (?, ?, ?)")) {
            ps.setString(1, v.name());
            ps.setString(2, v.firstSeenAt().toString());
            ps.setString(3, v.lastWantedAt().toString());
            ps.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public CompletableFuture<Void> deleteVolume(String name) {
    return db.write(
        c -> {
          try (PreparedStatement ps = c.prepareStatement("DELETE FROM volume WHERE name = ?")) {
            ps.setString(1, name);
            ps.executeUpdate();
          }
          return null;
        });
  }
}
