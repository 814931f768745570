package dev.skerry.hub.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;

/**
 * {@link HubStore} on a PostgreSQL database: one connection for the ordered writer, one for reads
 * (see {@link JdbcHubStore}); no pool, the hub's write rate is that of its device messages.
 */
public final class PostgresHubStore extends JdbcHubStore {
  static final String MIGRATIONS = "db/postgresql";
  private static final List<String> SCRIPTS =
      List.of("V1__init.sql", "V2__rollouts.sql", "V3__events.sql", "V4__identity.sql");
  private static final int CONNECT_TIMEOUT_SECONDS = 10;

  private PostgresHubStore(Connection writeConnection, Connection readConnection) {
    super("skerry-hub-pg-writer", writeConnection, readConnection);
  }

  /**
   * Connects to {@code jdbc:postgresql://host:port/db?user=..} and migrates the schema.
   *
   * @throws DatabaseUnavailableException if the server cannot be reached or refuses the login
   */
  public static PostgresHubStore open(String jdbcUrl) {
    if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new StoreException("not a PostgreSQL URL: " + JdbcUrls.redact(jdbcUrl));
    }
    Connection write = null;
    try {
      write = connect(jdbcUrl);
      Migrations.apply(write, MIGRATIONS, SCRIPTS);
      return new PostgresHubStore(write, connect(jdbcUrl));
    } catch (SQLException e) {
      closeQuietly(write);
      throw new DatabaseUnavailableException(
          "cannot open PostgreSQL database " + JdbcUrls.redact(jdbcUrl) + ": " + e.getMessage(), e);
    }
  }

  private static Connection connect(String url) throws SQLException {
    Properties props = new Properties();
    props.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
    props.setProperty("ApplicationName", "skerry-hub");
    return DriverManager.getConnection(url, props);
  }

  private static void closeQuietly(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // Already failing; the open error is the one to report.
      }
    }
  }
}
