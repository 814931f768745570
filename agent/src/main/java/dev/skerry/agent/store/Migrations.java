package dev.skerry.agent.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.logging.Logger;

/**
 * Numbered schema migrations shipped as resources ({@code db/V<n>__<name>.sql}); the applied
 * version is SQLite's {@code PRAGMA user_version}. Each migration runs in its own transaction, so a
 * crash mid-migration leaves the previous version intact.
 */
final class Migrations {
  private static final Logger LOG = Logger.getLogger(Migrations.class.getName());

  /** In order; index + 1 is the version. Append only, never edit a shipped one. */
  static final List<String> SCRIPTS =
      List.of(
          "db/V1__init.sql",
          "db/V2__rollback.sql",
          "db/V3__sync.sql",
          "db/V4__desired_signature.sql");

  private Migrations() {}

  /** Runs on the writer thread. */
  static void apply(Connection connection) throws SQLException {
    int current;
    try (Statement st = connection.createStatement();
        var rs = st.executeQuery("PRAGMA user_version")) {
      current = rs.next() ? rs.getInt(1) : 0;
    }
    if (current > SCRIPTS.size()) {
      throw new SQLException(
          "agent.db has schema version "
              + current
              + " but this agent knows only up to "
              + SCRIPTS.size()
              + " (downgrade?)");
    }
    for (int version = current + 1; version <= SCRIPTS.size(); version++) {
      String script = load(SCRIPTS.get(version - 1));
      connection.setAutoCommit(false);
      try (Statement st = connection.createStatement()) {
        for (String sql : statements(script)) {
          st.execute(sql);
        }
        st.execute("PRAGMA user_version = " + version);
        connection.commit();
      } catch (SQLException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
      LOG.info("applied migration " + SCRIPTS.get(version - 1));
    }
  }

  /** Splits a script on semicolons at line ends; our scripts hold no triggers or literals. */
  static List<String> statements(String script) {
    StringBuilder clean = new StringBuilder();
    for (String line : script.split("\n")) {
      String trimmed = line.strip();
      if (!trimmed.startsWith("--")) {
        clean.append(line).append('\n');
      }
    }
    return java.util.Arrays.stream(clean.toString().split(";\\s*\n"))
        .map(String::strip)
        .map(s -> s.endsWith(";") ? s.substring(0, s.length() - 1) : s)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  private static String load(String resource) throws SQLException {
    try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new SQLException("migration missing from the jar: " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new SQLException("cannot read " + resource, e);
    }
  }
}
