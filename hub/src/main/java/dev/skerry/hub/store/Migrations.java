package dev.skerry.hub.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the numbered scripts {@code <folder>/V1__init.sql, V2__...} that ship as resources, each
 * once, in a transaction, recording the version in {@code schema_version}. Each store lists its own
 * scripts, so the SQLite and PostgreSQL schemas can grow at their own pace.
 */
final class Migrations {
  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

  private Migrations() {}

  /** Brings the schema to the newest version; returns that version. */
  static int apply(Connection connection, String folder, List<String> names) throws SQLException {
    try (Statement st = connection.createStatement()) {
      st.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
    }
    int current = currentVersion(connection);
    for (int i = current; i < names.size(); i++) {
      int version = i + 1;
      String script = read(folder + "/" + names.get(i));
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try (Statement st = connection.createStatement()) {
        for (String sql : script.split(";")) {
          if (!sql.replaceAll("(?m)^\\s*--.*$", "").isBlank()) {
            st.execute(sql);
          }
        }
        st.execute("DELETE FROM schema_version");
        st.execute("INSERT INTO schema_version (version) VALUES (" + version + ")");
        connection.commit();
        LOG.info("Database schema migrated to version {} ({})", version, names.get(i));
      } catch (SQLException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    }
    return names.size();
  }

  private static int currentVersion(Connection connection) throws SQLException {
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("SELECT MAX(version) FROM schema_version")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  private static String read(String resource) {
    try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new StoreException("migration " + resource + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StoreException("cannot read migration " + resource, false, e);
    }
  }
}
