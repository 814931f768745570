package dev.skerry.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The SQL of rollouts, the same for SQLite and PostgreSQL. */
final class RolloutRows {
  private static final String ROLLOUT_COLUMNS =
      "name, revision, stable_revision, state, wave, wave_started_at, settled_since, started_at,"
          + " updated_at, message";
  private static final String DEVICE_COLUMNS =
      "name, device_id, revision, wave, assigned_at, status, since, message";

  List<RolloutRecord> rollouts(Connection c, String name) throws SQLException {
    String sql =
        "SELECT "
            + ROLLOUT_COLUMNS
            + " FROM rollouts"
            + (name == null ? " ORDER BY name" : " WHERE name=?");
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      if (name != null) {
        ps.setString(1, name);
      }
      List<RolloutRecord> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new RolloutRecord(
                  rs.getString(1),
                  rs.getLong(2),
                  rs.getLong(3),
                  rs.getString(4),
                  rs.getInt(5),
                  instant(rs.getString(6)),
                  instant(rs.getString(7)),
                  instant(rs.getString(8)),
                  instant(rs.getString(9)),
                  rs.getString(10)));
        }
      }
      return out;
    }
  }

  void upsertRollout(Connection c, RolloutRecord r) throws SQLException {
    try (PreparedStatement del = c.prepareStatement("DELETE FROM rollouts WHERE name=?")) {
      del.setString(1, r.name());
      del.executeUpdate();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO rollouts (" + ROLLOUT_COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?)")) {
      ps.setString(1, r.name());
      ps.setLong(2, r.revision());
      ps.setLong(3, r.stableRevision());
      ps.setString(4, r.state());
      ps.setInt(5, r.wave());
      ps.setString(6, SqlRows.text(r.waveStartedAt()));
      setNullable(ps, 7, r.settledSince() == null ? null : SqlRows.text(r.settledSince()));
      ps.setString(8, SqlRows.text(r.startedAt()));
      ps.setString(9, SqlRows.text(r.updatedAt()));
      setNullable(ps, 10, r.message());
      ps.executeUpdate();
    }
  }

  /** Removes a deployment's rollout and its devices; the events stay. */
  void deleteRollout(Connection c, String name) throws SQLException {
    for (String table : new String[] {"rollout_devices", "rollouts"}) {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE name=?")) {
        ps.setString(1, name);
        ps.executeUpdate();
      }
    }
  }

  List<RolloutDeviceRecord> devices(Connection c, String name) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT " + DEVICE_COLUMNS + " FROM rollout_devices WHERE name=? ORDER BY device_id")) {
      ps.setString(1, name);
      List<RolloutDeviceRecord> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new RolloutDeviceRecord(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getLong(3),
                  rs.getInt(4),
                  instant(rs.getString(5)),
                  rs.getString(6),
                  instant(rs.getString(7)),
                  rs.getString(8)));
        }
      }
      return out;
    }
  }

  void upsertDevices(Connection c, List<RolloutDeviceRecord> devices) throws SQLException {
    try (PreparedStatement del =
            c.prepareStatement("DELETE FROM rollout_devices WHERE name=? AND device_id=?");
        PreparedStatement ins =
            c.prepareStatement(
                "INSERT INTO rollout_devices (" + DEVICE_COLUMNS + ") VALUES (?,?,?,?,?,?,?,?)")) {
      for (RolloutDeviceRecord d : devices) {
        del.setString(1, d.name());
        del.setString(2, d.deviceId());
        del.addBatch();
        ins.setString(1, d.name());
        ins.setString(2, d.deviceId());
        ins.setLong(3, d.revision());
        ins.setInt(4, d.wave());
        ins.setString(5, SqlRows.text(d.assignedAt()));
        ins.setString(6, d.status());
        ins.setString(7, SqlRows.text(d.since()));
        setNullable(ins, 8, d.message());
        ins.addBatch();
      }
      del.executeBatch();
      ins.executeBatch();
    }
  }

  void clearDevices(Connection c, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM rollout_devices WHERE name=?")) {
      ps.setString(1, name);
      ps.executeUpdate();
    }
  }

  void insertEvent(Connection c, RolloutEventRecord e) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO rollout_events (name, revision, at, kind, message) VALUES (?,?,?,?,?)")) {
      ps.setString(1, e.name());
      ps.setLong(2, e.revision());
      ps.setString(3, SqlRows.text(e.at()));
      ps.setString(4, e.kind());
      ps.setString(5, e.message());
      ps.executeUpdate();
    }
  }

  /** The newest {@code limit} events of a deployment, oldest first. */
  List<RolloutEventRecord> events(Connection c, String name, int limit) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, name, revision, at, kind, message FROM rollout_events WHERE name=?"
                + " ORDER BY id DESC LIMIT ?")) {
      ps.setString(1, name);
      ps.setInt(2, limit);
      List<RolloutEventRecord> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new RolloutEventRecord(
                  rs.getLong(1),
                  rs.getString(2),
                  rs.getLong(3),
                  instant(rs.getString(4)),
                  rs.getString(5),
                  rs.getString(6)));
        }
      }
      java.util.Collections.reverse(out);
      return out;
    }
  }

  private static void setNullable(PreparedStatement ps, int index, String value)
      throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.VARCHAR);
    } else {
      ps.setString(index, value);
    }
  }

  private static Instant instant(String text) {
    return text == null ? null : Instant.parse(text);
  }
}
