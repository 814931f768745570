package dev.skerry.hub.access;

import dev.skerry.hub.access.AccessStore.AuditEntry;
import dev.skerry.hub.access.AccessStore.AuditQuery;
import dev.skerry.hub.access.AccessStore.AuditRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of the {@code audit} table, the same for SQLite and PostgreSQL. Public so that another
 * store can write an entry inside the transaction of its own change.
 */
public final class AuditRows {
  private AuditRows() {}

  /** Inserts {@code e} on {@code c}, inside whatever transaction {@code c} is in. */
  public static void insert(Connection c, AuditEntry e) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO audit (at, actor, credential, action, object, address, user_agent,"
                + " revision) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, JdbcAccessStore.text(e.at()));
      ps.setString(2, e.actor());
      ps.setString(3, e.credential());
      ps.setString(4, e.action());
      ps.setString(5, e.object());
      ps.setString(6, e.address());
      ps.setString(7, e.userAgent());
      JdbcAccessStore.setLong(ps, 8, e.revision());
      ps.executeUpdate();
    }
  }

  static List<AuditRecord> select(Connection c, AuditQuery q) throws SQLException {
    StringBuilder sql =
        new StringBuilder(
            "SELECT id, at, actor, credential, action, object, address, user_agent, revision"
                + " FROM audit WHERE id > ?");
    List<String> args = new ArrayList<>();
    q.since()
        .ifPresent(
            s -> {
              sql.append(" AND at >= ?");
              args.add(JdbcAccessStore.text(s));
            });
    q.actor()
        .ifPresent(
            a -> {
              sql.append(" AND actor = ?");
              args.add(a);
            });
    q.object()
        .ifPresent(
            o -> {
              sql.append(" AND object = ?");
              args.add(o);
            });
    sql.append(" ORDER BY id LIMIT ?");
    List<AuditRecord> found = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      ps.setLong(1, q.afterId());
      int i = 2;
      for (String a : args) {
        ps.setString(i++, a);
      }
      ps.setInt(i, q.limit());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long revision = rs.getLong(9);
          Long made = rs.wasNull() ? null : revision;
          found.add(
              new AuditRecord(
                  rs.getLong(1),
                  new AuditEntry(
                      Instant.parse(rs.getString(2)),
                      rs.getString(3),
                      rs.getString(4),
                      rs.getString(5),
                      rs.getString(6),
                      rs.getString(7),
                      rs.getString(8),
                      made)));
        }
      }
    }
    return found;
  }
}
