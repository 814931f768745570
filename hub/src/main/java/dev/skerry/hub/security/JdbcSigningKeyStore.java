package dev.skerry.hub.security;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link SigningKeyStore} on the hub's database (SQLite or PostgreSQL, the same SQL), over a
 * connection of its own; the tables come from the hub store's migration {@code V6__signing_keys},
 * so open this after the hub store. Calls are serialized: rotations are rare.
 */
public final class JdbcSigningKeyStore implements SigningKeyStore {
  private final Connection c;

  private JdbcSigningKeyStore(Connection c) {
    this.c = c;
  }

  /** Connects to the migrated database at {@code jdbcUrl}. */
  public static JdbcSigningKeyStore open(String jdbcUrl) {
    try {
      Connection c = DriverManager.getConnection(jdbcUrl);
      if (jdbcUrl.startsWith("jdbc:sqlite:")) {
        try (Statement st = c.createStatement()) {
          st.execute("PRAGMA busy_timeout=5000");
        }
      }
      return new JdbcSigningKeyStore(c);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open the signing-key store: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized List<KeyState> keys() {
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT key_id, state, created_at, retire_by, retired_at FROM signing_keys"
                    + " ORDER BY created_at, key_id");
        ResultSet rs = ps.executeQuery()) {
      List<KeyState> out = new ArrayList<>();
      while (rs.next()) {
        out.add(
            new KeyState(
                rs.getString(1),
                rs.getString(2),
                Instant.parse(rs.getString(3)),
                instant(rs.getString(4)),
                instant(rs.getString(5))));
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the signing keys: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void addActive(String keyId, Instant at) {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO signing_keys (key_id, state, created_at) VALUES (?, ?, ?)"
                + " ON CONFLICT (key_id) DO NOTHING")) {
      ps.setString(1, keyId);
      ps.setString(2, ACTIVE);
      ps.setString(3, at.toString());
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot record the signing key: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void begin(
      String oldKeyId, String newKeyId, Instant at, Instant retireBy, List<DeviceRotation> list) {
    inTransaction(
        () -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE signing_keys SET state = ?, retire_by = ? WHERE key_id = ?")) {
            ps.setString(1, RETIRING);
            ps.setString(2, retireBy.toString());
            ps.setString(3, oldKeyId);
            ps.executeUpdate();
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO signing_keys (key_id, state, created_at) VALUES (?, ?, ?)")) {
            ps.setString(1, newKeyId);
            ps.setString(2, ACTIVE);
            ps.setString(3, at.toString());
            ps.executeUpdate();
          }
          try (Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM signing_key_devices");
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO signing_key_devices (device_id, since_revision) VALUES (?, ?)")) {
            for (DeviceRotation d : list) {
              ps.setString(1, d.deviceId());
              ps.setLong(2, d.sinceRevision());
              ps.addBatch();
            }
            ps.executeBatch();
          }
        },
        "cannot record the rotation");
  }

  @Override
  public synchronized List<DeviceRotation> devices() {
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT device_id, since_revision, acked_at FROM signing_key_devices"
                    + " ORDER BY device_id");
        ResultSet rs = ps.executeQuery()) {
      List<DeviceRotation> out = new ArrayList<>();
      while (rs.next()) {
        out.add(new DeviceRotation(rs.getString(1), rs.getLong(2), instant(rs.getString(3))));
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the rotation: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void acked(String deviceId, Instant at) {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE signing_key_devices SET acked_at = ? WHERE device_id = ? AND acked_at IS NULL")) {
      ps.setString(1, at.toString());
      ps.setString(2, deviceId);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot record the acknowledgement: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void finish(String retiringKeyId, Instant at) {
    inTransaction(
        () -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE signing_keys SET state = ?, retired_at = ? WHERE key_id = ?")) {
            ps.setString(1, RETIRED);
            ps.setString(2, at.toString());
            ps.setString(3, retiringKeyId);
            ps.executeUpdate();
          }
          try (Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM signing_key_devices");
          }
        },
        "cannot record the end of the rotation");
  }

  private interface Work {
    void run() throws SQLException;
  }

  private void inTransaction(Work work, String what) {
    try {
      c.setAutoCommit(false);
      try {
        work.run();
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(what + ": " + e.getMessage(), e);
    }
  }

  private static Optional<Instant> instant(String s) {
    return Optional.ofNullable(s).map(Instant::parse);
  }

  @Override
  public synchronized void close() {
    try {
      c.close();
    } catch (SQLException e) {
      // closing on shutdown
    }
  }
}
