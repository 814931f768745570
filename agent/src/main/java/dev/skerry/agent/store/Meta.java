package dev.skerry.agent.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The counters in the {@code meta} table (sequences, drop counts). Writer thread only. */
final class Meta {
  private Meta() {}

  static long increment(Connection c, String key) throws SQLException {
    add(c, key, 1);
    return get(c, key);
  }

  static void add(Connection c, String key, long delta) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO meta (key, value) VALUES (?, ?)"
                + " ON CONFLICT (key) DO UPDATE SET value = value + excluded.value")) {
      ps.setString(1, key);
      ps.setLong(2, delta);
      ps.executeUpdate();
    }
  }

  static void set(Connection c, String key, long value) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO meta (key, value) VALUES (?, ?)"
                + " ON CONFLICT (key) DO UPDATE SET value = excluded.value")) {
      ps.setString(1, key);
      ps.setLong(2, value);
      ps.executeUpdate();
    }
  }

  static long get(Connection c, String key) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }
}
