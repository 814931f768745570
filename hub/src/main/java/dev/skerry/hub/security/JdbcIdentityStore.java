package dev.skerry.hub.security;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skerry.core.tls.Pem;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link IdentityStore} on the hub's database (SQLite or PostgreSQL, the same SQL), over a
 * connection of its own; the tables come from the hub store's migrations {@code V4__identity} and
 * {@code V5__renewal}, so open this after the hub store. Calls are serialized: enrollments are
 * rare.
 */
public final class JdbcIdentityStore implements IdentityStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Connection c;

  private JdbcIdentityStore(Connection c) {
    this.c = c;
  }

  /** Connects to the migrated database at {@code jdbcUrl}. */
  public static JdbcIdentityStore open(String jdbcUrl) {
    try {
      Connection c = DriverManager.getConnection(jdbcUrl);
      if (jdbcUrl.startsWith("jdbc:sqlite:")) {
        try (Statement st = c.createStatement()) {
          st.execute("PRAGMA busy_timeout=5000");
        }
      }
      return new JdbcIdentityStore(c);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open the identity store: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void putToken(TokenRecord t) {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO join_tokens (secret_hash, expires_at, uses_left, device_id, labels,"
                + " created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, t.secretHash());
      ps.setString(2, t.expiresAt().toString());
      ps.setInt(3, t.usesLeft());
      ps.setString(4, t.deviceId().orElse(null));
      ps.setString(5, JSON.writeValueAsString(t.labels()));
      ps.setString(6, t.createdAt().toString());
      ps.executeUpdate();
    } catch (Exception e) {
      throw new IllegalStateException("cannot store the join token: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized TokenOutcome enroll(
      String secretHash, String deviceId, Instant now, IdentityRecord identity) {
    try {
      c.setAutoCommit(false);
      try {
        TokenOutcome outcome = TokenRules.check(token(secretHash), deviceId, now);
        if (outcome instanceof Consumed) {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE join_tokens SET uses_left = uses_left - 1"
                      + " WHERE secret_hash = ? AND uses_left > 0")) {
            ps.setString(1, secretHash);
            if (ps.executeUpdate() != 1) {
              c.rollback();
              return new Refused("used", ((Consumed) outcome).token());
            }
          }
          List<String> revoked = new ArrayList<>(identity.revokedSerials());
          identity(deviceId).ifPresent(old -> revoked.addAll(old.revokedSerials()));
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO device_identities (device_id, serial, not_after, public_key,"
                      + " enrolled_at, revoked_at, revoked_serials) VALUES (?, ?, ?, ?, ?, NULL, ?)"
                      + " ON CONFLICT (device_id) DO UPDATE SET serial = excluded.serial,"
                      + " not_after = excluded.not_after, public_key = excluded.public_key,"
                      + " enrolled_at = excluded.enrolled_at, revoked_at = NULL,"
                      + " revoked_serials = excluded.revoked_serials")) {
            ps.setString(1, deviceId);
            ps.setString(2, identity.serial());
            ps.setString(3, identity.notAfter().toString());
            ps.setString(4, identity.publicKey().map(Pem::encode).orElse(null));
            ps.setString(5, identity.enrolledAt().toString());
            ps.setString(6, String.join(",", revoked));
            ps.executeUpdate();
          }
          // A new identity: a request to renew the old one is void.
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM renewal_requests WHERE device_id = ?")) {
            ps.setString(1, deviceId);
            ps.executeUpdate();
          }
        }
        c.commit();
        return outcome;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot record the enrollment: " + e.getMessage(), e);
    }
  }

  private TokenRecord token(String secretHash) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT expires_at, uses_left, device_id, labels, created_at FROM join_tokens"
                + " WHERE secret_hash = ?")) {
      ps.setString(1, secretHash);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        Map<String, String> labels;
        try {
          labels = JSON.readValue(rs.getString(4), new TypeReference<Map<String, String>>() {});
        } catch (java.io.IOException e) {
          throw new SQLException("unreadable labels of a join token", e);
        }
        return new TokenRecord(
            secretHash,
            Instant.parse(rs.getString(1)),
            rs.getInt(2),
            Optional.ofNullable(rs.getString(3)),
            labels,
            Instant.parse(rs.getString(5)));
      }
    }
  }

  @Override
  public synchronized Optional<IdentityRecord> identity(String deviceId) {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT serial, not_after, enrolled_at, revoked_at, revoked_serials, public_key"
                + " FROM device_identities WHERE device_id = ?")) {
      ps.setString(1, deviceId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        String serials = rs.getString(5);
        return Optional.of(
            new IdentityRecord(
                deviceId,
                rs.getString(1),
                Instant.parse(rs.getString(2)),
                Optional.ofNullable(rs.getString(6)).map(Pem::publicKey),
                Instant.parse(rs.getString(3)),
                Optional.ofNullable(rs.getString(4)).map(Instant::parse),
                serials.isEmpty() ? List.of() : Arrays.asList(serials.split(","))));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the identity of " + deviceId, e);
    }
  }

  @Override
  public synchronized boolean renewed(
      String deviceId, String serial, Instant notAfter, PublicKey key) {
    try {
      return updateCertificate(deviceId, serial, notAfter, key);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot record the renewal of " + deviceId, e);
    }
  }

  private boolean updateCertificate(String deviceId, String serial, Instant notAfter, PublicKey key)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE device_identities SET serial = ?, not_after = ?, public_key = ?"
                + " WHERE device_id = ? AND revoked_at IS NULL")) {
      ps.setString(1, serial);
      ps.setString(2, notAfter.toString());
      ps.setString(3, Pem.encode(key));
      ps.setString(4, deviceId);
      return ps.executeUpdate() == 1;
    }
  }

  @Override
  public synchronized void requestRenewal(RenewalRequest r) {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO renewal_requests (device_id, public_key, old_serial, requested_at,"
                + " approved_at, certificate) VALUES (?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (device_id) DO UPDATE SET public_key = excluded.public_key,"
                + " old_serial = excluded.old_serial, requested_at = excluded.requested_at,"
                + " approved_at = excluded.approved_at, certificate = excluded.certificate")) {
      ps.setString(1, r.deviceId());
      ps.setString(2, Pem.encode(r.publicKey()));
      ps.setString(3, r.oldSerial());
      ps.setString(4, r.requestedAt().toString());
      ps.setString(5, r.approvedAt().map(Instant::toString).orElse(null));
      ps.setString(6, r.certificate().orElse(null));
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot record the renewal request of " + r.deviceId(), e);
    }
  }

  private static final String RENEWAL_COLUMNS =
      "SELECT device_id, public_key, old_serial, requested_at, approved_at, certificate"
          + " FROM renewal_requests";

  @Override
  public synchronized Optional<RenewalRequest> renewalRequest(String deviceId) {
    try (PreparedStatement ps = c.prepareStatement(RENEWAL_COLUMNS + " WHERE device_id = ?")) {
      ps.setString(1, deviceId);
      List<RenewalRequest> found = renewalRequests(ps);
      return found.stream().findFirst();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the renewal request of " + deviceId, e);
    }
  }

  @Override
  public synchronized List<RenewalRequest> pendingRenewals() {
    try (PreparedStatement ps =
        c.prepareStatement(
            RENEWAL_COLUMNS + " WHERE approved_at IS NULL ORDER BY requested_at, device_id")) {
      return renewalRequests(ps);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot list the renewal requests", e);
    }
  }

  private static List<RenewalRequest> renewalRequests(PreparedStatement ps) throws SQLException {
    List<RenewalRequest> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(
            new RenewalRequest(
                rs.getString(1),
                Pem.publicKey(rs.getString(2)),
                rs.getString(3),
                Instant.parse(rs.getString(4)),
                Optional.ofNullable(rs.getString(5)).map(Instant::parse),
                Optional.ofNullable(rs.getString(6))));
      }
    }
    return out;
  }

  @Override
  public synchronized boolean approveRenewal(
      String deviceId, String serial, Instant notAfter, String certificatePem, Instant at) {
    try {
      c.setAutoCommit(false);
      try {
        Optional<RenewalRequest> r = renewalRequest(deviceId);
        boolean done =
            r.isPresent()
                && r.get().pending()
                && updateCertificate(deviceId, serial, notAfter, r.get().publicKey());
        if (done) {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE renewal_requests SET approved_at = ?, certificate = ?"
                      + " WHERE device_id = ? AND approved_at IS NULL")) {
            ps.setString(1, at.toString());
            ps.setString(2, certificatePem);
            ps.setString(3, deviceId);
            done = ps.executeUpdate() == 1;
          }
        }
        if (done) {
          c.commit();
        } else {
          c.rollback();
        }
        return done;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot approve the renewal of " + deviceId, e);
    }
  }

  @Override
  public synchronized java.util.Set<String> revokedSerials() {
    java.util.Set<String> out = new java.util.TreeSet<>();
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT revoked_serials FROM device_identities WHERE revoked_serials <> ''");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.addAll(Arrays.asList(rs.getString(1).split(",")));
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the revoked serials", e);
    }
  }

  @Override
  public synchronized boolean revoke(String deviceId, Instant at) {
    Optional<IdentityRecord> old = identity(deviceId);
    if (old.isEmpty()) {
      return false;
    }
    List<String> serials = new ArrayList<>(old.get().revokedSerials());
    if (!serials.contains(old.get().serial())) {
      serials.add(old.get().serial());
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE device_identities SET revoked_at = COALESCE(revoked_at, ?),"
                + " revoked_serials = ? WHERE device_id = ?")) {
      ps.setString(1, at.toString());
      ps.setString(2, String.join(",", serials));
      ps.setString(3, deviceId);
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot revoke " + deviceId, e);
    }
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
