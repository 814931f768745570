package dev.skerry.hub.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** {@link HubStore} on one SQLite file in WAL mode; see {@link JdbcHubStore} for the threading. */
public final class SqliteHubStore extends JdbcHubStore {
  static final String MIGRATIONS = "db/sqlite";
  private static final List<String> SCRIPTS =
      List.of("V1__init.sql", "V2__rollouts.sql", "V3__events.sql", "V4__identity.sql");

  private SqliteHubStore(Connection writeConnection, Connection readConnection) {
    super("skerry-hub-db-writer", writeConnection, readConnection);
  }

  /** Opens (creating if needed) the database at {@code jdbc:sqlite:<file>} and migrates it. */
  public static SqliteHubStore open(String jdbcUrl) {
    if (!jdbcUrl.startsWith("jdbc:sqlite:")) {
      throw new StoreException("not a SQLite URL: " + jdbcUrl);
    }
    try {
      Path file = Path.of(jdbcUrl.substring("jdbc:sqlite:".length()));
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      Connection write = connect(jdbcUrl);
      Migrations.apply(write, MIGRATIONS, SCRIPTS);
      return new SqliteHubStore(write, connect(jdbcUrl));
    } catch (SQLException | IOException e) {
      throw new StoreException("cannot open database " + jdbcUrl + ": " + e.getMessage(), false, e);
    }
  }

  private static Connection connect(String url) throws SQLException {
    Connection c = DriverManager.getConnection(url);
    try (Statement st = c.createStatement()) {
      st.execute("PRAGMA journal_mode=WAL");
      st.execute("PRAGMA foreign_keys=ON");
      st.execute("PRAGMA busy_timeout=5000");
      st.execute("PRAGMA synchronous=NORMAL");
    }
    return c;
  }
}
