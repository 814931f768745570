package dev.skerry.core.sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Where a database records the number of the last migration applied to it. Written inside the
 * migration's own transaction, so the number and the schema never disagree.
 */
public interface SchemaVersion {
  /** The version recorded, 0 for a new database. */
  int read(Connection connection) throws SQLException;

  /** Records {@code version}; called inside the migration's transaction. */
  void write(Connection connection, int version) throws SQLException;

  /**
   * SQLite's {@code PRAGMA user_version} in the file header (the agent's choice: no table to
   * create, and the header page is written in the same transaction as the schema).
   */
  static SchemaVersion sqliteUserVersion() {
    return new SchemaVersion() {
      @Override
      public int read(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement();
            ResultSet rs = st.executeQuery("PRAGMA user_version")) {
          return rs.next() ? rs.getInt(1) : 0;
        }
      }

      @Override
      public void write(Connection connection, int version) throws SQLException {
        try (Statement st = connection.createStatement()) {
          st.execute("PRAGMA user_version = " + version);
        }
      }
    };
  }

  /** A one-row {@code schema_version} table, plain SQL that SQLite and PostgreSQL both take. */
  static SchemaVersion table() {
    return new SchemaVersion() {
      @Override
      public int read(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
          st.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
          try (ResultSet rs = st.executeQuery("SELECT MAX(version) FROM schema_version")) {
            return rs.next() ? rs.getInt(1) : 0;
          }
        }
      }

      @Override
      public void write(Connection connection, int version) throws SQLException {
        try (Statement st = connection.createStatement()) {
          st.execute("DELETE FROM schema_version");
          st.execute("INSERT INTO schema_version (version) VALUES (" + version + ")");
        }
      }
    };
  }
}
