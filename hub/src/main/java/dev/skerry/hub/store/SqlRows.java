package dev.skerry.hub.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/**
 * What the hub store's row classes share: transactions, error translation and the text form of
 * instants. The SQL itself lives with its concept ({@link DeviceRows}, {@link DeploymentRows},
 * {@link DesiredRows}, {@link EventRows}, {@link RolloutRows}): plain statements that SQLite and
 * PostgreSQL both understand.
 */
final class SqlRows {
  private SqlRows() {}

  /** A unit of JDBC work. */
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  static <T> T inTransaction(Connection c, Work<T> work) {
    try {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw translate(e);
    }
  }

  static StoreException translate(SQLException e) {
    String message = String.valueOf(e.getMessage());
    String state = String.valueOf(e.getSQLState());
    // SQLite: busy or locked; PostgreSQL: connection lost (08...), serialization failure, deadlock.
    boolean retryable =
        message.contains("SQLITE_BUSY")
            || message.contains("SQLITE_LOCKED")
            || state.startsWith("08")
            || state.equals("40001")
            || state.equals("40P01");
    return new StoreException("database: " + message, retryable, e);
  }

  // Fixed width, so that ORDER BY on the text is time order (Instant.toString varies in width).
  private static final java.time.format.DateTimeFormatter INSTANT_TEXT =
      java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
          .withZone(java.time.ZoneOffset.UTC);

  static String text(Instant instant) {
    return INSTANT_TEXT.format(instant);
  }

  static Instant instant(String text) {
    return text == null ? null : Instant.parse(text);
  }
}
