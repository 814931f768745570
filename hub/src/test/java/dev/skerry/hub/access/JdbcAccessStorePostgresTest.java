package dev.skerry.hub.access;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skerry.hub.store.PostgresHubStore;
import dev.skerry.hub.store.TestPostgres;
import java.sql.DriverManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The contract on a real PostgreSQL database with the schema the migrations make. */
class JdbcAccessStorePostgresTest extends AccessStoreContract {
  private TestPostgres database;

  @Override
  AccessStore open() {
    database = new TestPostgres();
    PostgresHubStore.open(database.url()).close();
    return JdbcAccessStore.open(database.url());
  }

  @AfterEach
  void dropDatabase() {
    store.close();
    database.close();
  }

  @Test
  void theDatabaseRefusesToChangeOrRemoveAnAuditRow() throws Exception {
    store.append(entry("ana", "deployment.apply", "deployment/web", T0));

    try (var c = DriverManager.getConnection(database.url());
        var st = c.createStatement()) {
      assertThatThrownBy(() -> st.executeUpdate("UPDATE audit SET actor = 'mallory'"))
          .hasMessageContaining("append-only");
      assertThatThrownBy(() -> st.executeUpdate("DELETE FROM audit"))
          .hasMessageContaining("append-only");
      assertThatThrownBy(() -> st.executeUpdate("TRUNCATE audit"))
          .hasMessageContaining("append-only");
    }
  }
}
