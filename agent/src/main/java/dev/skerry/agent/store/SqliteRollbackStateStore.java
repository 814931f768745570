package dev.skerry.agent.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.skerry.agent.reconcile.LastKnownGood;
import dev.skerry.agent.reconcile.RolloutAttempt;
import dev.skerry.core.wire.DesiredWorkload;
import dev.skerry.core.wire.WireJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;

/**
 * {@link RollbackStateStore} in {@code agent.db}'s {@code last_known_good} and {@code
 * rollout_attempt}. The static methods run on the writer thread with its connection.
 */
final class SqliteRollbackStateStore implements RollbackStateStore {
  private static final Logger LOG = Logger.getLogger(SqliteRollbackStateStore.class.getName());

  private final SqliteWriter db;

  SqliteRollbackStateStore(SqliteWriter db) {
    this.db = db;
  }

  @Override
  public Optional<LastKnownGood> lastKnownGood(String workload) {
    return Optional.ofNullable(db.read(c -> selectLastKnownGoods(c, workload)).get(workload));
  }

  @Override
  public Map<String, LastKnownGood> lastKnownGoods() {
    return db.read(c -> selectLastKnownGoods(c, null));
  }

  @Override
  public CompletableFuture<Void> saveLastKnownGood(LastKnownGood good) {
    return db.write(
        c -> {
          upsertLastKnownGood(c, good);
          return null;
        });
  }

  @Override
  public Map<String, RolloutAttempt> rolloutAttempts() {
    return db.read(SqliteRollbackStateStore::selectRolloutAttempts);
  }

  @Override
  public CompletableFuture<Void> saveRolloutAttempt(RolloutAttempt attempt) {
    return db.write(
        c -> {
          upsertRolloutAttempt(c, attempt);
          return null;
        });
  }

  @Override
  public CompletableFuture<Void> deleteRolloutAttempt(String workload) {
    return db.write(
        c -> {
          removeRolloutAttempt(c, workload);
          return null;
        });
  }

  private static Map<String, LastKnownGood> selectLastKnownGoods(Connection c, String onlyWorkload)
      throws SQLException {
    String sql =
        "SELECT workload, revision, spec_hash, recorded_at, desired_json FROM last_known_good"
            + (onlyWorkload == null ? "" : " WHERE workload = ?");
    Map<String, LastKnownGood> out = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      if (onlyWorkload != null) {
        ps.setString(1, onlyWorkload);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String workload = rs.getString(1);
          out.put(
              workload,
              new LastKnownGood(
                  workload,
                  rs.getLong(2),
                  rs.getString(3),
                  instant(rs.getString(4)),
                  desired(workload, rs.getString(5))));
        }
      }
    }
    return Map.copyOf(out);
  }

  private static void upsertLastKnownGood(Connection c, LastKnownGood good) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT OR REPLACE INTO last_known_good (workload, revision, spec_hash,"
                + " recorded_at, desired_json) VALUES (?, ?, ?, ?, ?)")) {
      ps.setString(1, good.workload());
      ps.setLong(2, good.revision());
      ps.setString(3, good.specHash());
      ps.setString(4, text(good.recordedAt()));
      ps.setString(5, json(good.desired()));
      ps.executeUpdate();
    }
  }

  private static Map<String, RolloutAttempt> selectRolloutAttempts(Connection c)
      throws SQLException {
    Map<String, RolloutAttempt> out = new HashMap<>();
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT workload, spec_hash, revision, started_at, failed_at, failure"
                    + " FROM rollout_attempt");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.put(
            rs.getString(1),
            new RolloutAttempt(
                rs.getString(1),
                rs.getString(2),
                rs.getLong(3),
                instant(rs.getString(4)),
                instant(rs.getString(5)),
                rs.getString(6)));
      }
    }
    return Map.copyOf(out);
  }

  private static void upsertRolloutAttempt(Connection c, RolloutAttempt a) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT OR REPLACE INTO rollout_attempt (workload, spec_hash, revision, started_at,"
                + " failed_at, failure) VALUES (?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, a.workload());
      ps.setString(2, a.specHash());
      ps.setLong(3, a.revision());
      ps.setString(4, text(a.startedAt()));
      ps.setString(5, text(a.failedAt()));
      ps.setString(6, a.failure());
      ps.executeUpdate();
    }
  }

  private static void removeRolloutAttempt(Connection c, String workload) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM rollout_attempt WHERE workload = ?")) {
      ps.setString(1, workload);
      ps.executeUpdate();
    }
  }

  /** A row that cannot be read back is treated as V1's: nothing to roll back to, not a crash. */
  private static DesiredWorkload desired(String workload, String json) {
    if (json == null) {
      return null;
    }
    try {
      return WireJson.mapper().readValue(json, DesiredWorkload.class);
    } catch (JsonProcessingException | RuntimeException e) {
      LOG.warning(workload + ": last-known-good workload cannot be read, ignoring it: " + e);
      return null;
    }
  }

  private static String json(DesiredWorkload desired) throws SQLException {
    if (desired == null) {
      return null;
    }
    try {
      return WireJson.mapper().writeValueAsString(desired);
    } catch (JsonProcessingException e) {
      throw new SQLException("cannot serialise the last-known-good workload", e);
    }
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  private static Instant instant(String text) {
    return text == null ? null : Instant.parse(text);
  }
}
