package dev.skerry.hub.access;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link AccessStore} on the hub's database (SQLite or PostgreSQL, the same SQL) over a connection
 * of its own; the tables come from the hub store's migration {@code V7__access}, so open this after
 * the hub store. Calls are serialized; each change and its audit entry share one transaction.
 */
public final class JdbcAccessStore implements AccessStore {
  // Fixed width, so that comparing the text compares the time.
  private static final DateTimeFormatter TEXT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private final Connection c;

  private JdbcAccessStore(Connection c) {
    this.c = c;
  }

  /** Connects to the migrated database at {@code jdbcUrl}. */
  public static JdbcAccessStore open(String jdbcUrl) {
    try {
      Connection c = DriverManager.getConnection(jdbcUrl);
      if (jdbcUrl.startsWith("jdbc:sqlite:")) {
        try (Statement st = c.createStatement()) {
          st.execute("PRAGMA busy_timeout=5000");
        }
      }
      return new JdbcAccessStore(c);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open the user store: " + e.getMessage(), e);
    }
  }

  private interface Work<T> {
    T run() throws SQLException;
  }

  private <T> T inTransaction(String what, Work<T> work) {
    try {
      c.setAutoCommit(false);
      try {
        T result = work.run();
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot " + what + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized boolean createUser(UserRecord u, AuditEntry audit) {
    return inTransaction(
        "store the user",
        () -> {
          if (userRow(u.name()).isPresent()) {
            return false;
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO users (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, u.name());
            ps.setString(2, u.role().wireName());
            ps.setString(3, u.passwordHash());
            ps.setString(4, TEXT.format(u.createdAt()));
            ps.executeUpdate();
          }
          insertAudit(audit);
          return true;
        });
  }

  @Override
  public synchronized Optional<UserRecord> user(String name) {
    return inTransaction("read the user", () -> userRow(name));
  }

  private Optional<UserRecord> userRow(String name) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT name, role, password_hash, created_at FROM users WHERE name = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(user(rs)) : Optional.empty();
      }
    }
  }

  private static UserRecord user(ResultSet rs) throws SQLException {
    return new UserRecord(
        rs.getString(1),
        Role.parse(rs.getString(2)).orElseThrow(() -> new SQLException("unknown role")),
        rs.getString(3),
        Instant.parse(rs.getString(4)));
  }

  @Override
  public synchronized List<UserRecord> users() {
    return inTransaction(
        "read the users",
        () -> {
          List<UserRecord> all = new ArrayList<>();
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT name, role, password_hash, created_at FROM users ORDER BY name");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              all.add(user(rs));
            }
          }
          return all;
        });
  }

  @Override
  public synchronized boolean deleteUser(String name, AuditEntry audit) {
    return inTransaction(
        "delete the user",
        () -> {
          try (PreparedStatement tokens =
                  c.prepareStatement("DELETE FROM api_tokens WHERE user_name = ?");
              PreparedStatement user = c.prepareStatement("DELETE FROM users WHERE name = ?")) {
            tokens.setString(1, name);
            tokens.executeUpdate();
            user.setString(1, name);
            if (user.executeUpdate() == 0) {
              c.rollback();
              return false;
            }
          }
          insertAudit(audit);
          return true;
        });
  }

  @Override
  public synchronized void putToken(TokenRecord t, AuditEntry audit) {
    inTransaction(
        "store the token",
        () -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO api_tokens (id, secret_hash, user_name, name, kind, created_at,"
                      + " expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, t.id());
            ps.setString(2, t.secretHash());
            ps.setString(3, t.user());
            ps.setString(4, t.name());
            ps.setString(5, t.kind().name().toLowerCase(java.util.Locale.ROOT));
            ps.setString(6, TEXT.format(t.createdAt()));
            ps.setString(7, t.expiresAt().map(TEXT::format).orElse(null));
            ps.executeUpdate();
          }
          if (audit != null) {
            insertAudit(audit);
          }
          return null;
        });
  }

  private static final String TOKEN_COLUMNS =
      "SELECT id, secret_hash, user_name, name, kind, created_at, expires_at FROM api_tokens";

  @Override
  public synchronized Optional<TokenRecord> tokenByHash(String secretHash) {
    return inTransaction(
        "read the token",
        () -> {
          try (PreparedStatement ps =
              c.prepareStatement(TOKEN_COLUMNS + " WHERE secret_hash = ?")) {
            ps.setString(1, secretHash);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(token(rs)) : Optional.empty();
            }
          }
        });
  }

  private static TokenRecord token(ResultSet rs) throws SQLException {
    return new TokenRecord(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        TokenKind.valueOf(rs.getString(5).toUpperCase(java.util.Locale.ROOT)),
        Instant.parse(rs.getString(6)),
        Optional.ofNullable(rs.getString(7)).map(Instant::parse));
  }

  @Override
  public synchronized List<TokenRecord> tokens(String user, TokenKind kind) {
    return inTransaction(
        "read the tokens",
        () -> {
          List<TokenRecord> all = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  TOKEN_COLUMNS + " WHERE user_name = ? AND kind = ? ORDER BY created_at, id")) {
            ps.setString(1, user);
            ps.setString(2, kind.name().toLowerCase(java.util.Locale.ROOT));
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                all.add(token(rs));
              }
            }
          }
          return all;
        });
  }

  @Override
  public synchronized boolean deleteToken(String id, String user, AuditEntry audit) {
    return inTransaction(
        "delete the token",
        () -> {
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM api_tokens WHERE id = ? AND user_name = ?")) {
            ps.setString(1, id);
            ps.setString(2, user);
            if (ps.executeUpdate() == 0) {
              return false;
            }
          }
          if (audit != null) {
            insertAudit(audit);
          }
          return true;
        });
  }

  @Override
  public synchronized void append(AuditEntry entry) {
    inTransaction(
        "write the audit trail",
        () -> {
          insertAudit(entry);
          return null;
        });
  }

  private void insertAudit(AuditEntry e) throws SQLException {
    AuditRows.insert(c, e);
  }

  @Override
  public synchronized List<AuditRecord> audit(AuditQuery q) {
    return inTransaction("read the audit trail", () -> AuditRows.select(c, q));
  }

  @Override
  public synchronized void close() {
    try {
      c.close();
    } catch (SQLException e) {
      // closing on shutdown
    }
  }

  static String text(Instant at) {
    return TEXT.format(at);
  }

  static void setLong(PreparedStatement ps, int i, Long value) throws SQLException {
    if (value == null) {
      ps.setNull(i, Types.BIGINT);
    } else {
      ps.setLong(i, value);
    }
  }
}
