package dev.skerry.hub.access;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skerry.hub.store.SqliteHubStore;
import java.nio.file.Path;
import java.sql.DriverManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract on a real SQLite file with the schema the migrations make. */
class JdbcAccessStoreSqliteTest extends AccessStoreContract {
  @TempDir Path dir;

  String url() {
    return "jdbc:sqlite:" + dir.resolve("hub.db");
  }

  @Override
  AccessStore open() {
    SqliteHubStore.open(url()).close();
    return JdbcAccessStore.open(url());
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  @Test
  void theDatabaseRefusesToChangeOrRemoveAnAuditRow() throws Exception {
    store.append(entry("ana", "deployment.apply", "deployment/web", T0));

    try (var c = DriverManager.getConnection(url());
        var st = c.createStatement()) {
      assertThatThrownBy(() -> st.executeUpdate("UPDATE audit SET actor = 'mallory'"))
          .hasMessageContaining("append-only");
      assertThatThrownBy(() -> st.executeUpdate("DELETE FROM audit"))
          .hasMessageContaining("append-only");
    }
  }
}
