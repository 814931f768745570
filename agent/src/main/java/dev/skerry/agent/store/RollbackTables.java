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
import java.util.logging.Logger;

/**
 * The SQL of the rollback state ({@code last_known_good}, {@code rollout_attempt}) for {@link
 * SqliteAgentStore}. Every method runs on the store's writer thread with its connection.
 */
final class RollbackTables {
  private static final Logger LOG = Logger.getLogger(RollbackTables.class.getName());

  private RollbackTables() {}

  static Map<String, LastKnownGood> lastKnownGoods(Connection c, String onlyWorkload)
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

  static void saveLastKnownGood(Connection c, LastKnownGood good) throws SQLException {
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

  static Map<String, RolloutAttempt> rolloutAttempts(Connection c) throws SQLException {
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

  static void saveRolloutAttempt(Connection c, RolloutAttempt a) throws SQLException {
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

  static void deleteRolloutAttempt(Connection c, String workload) throws SQLException {
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
