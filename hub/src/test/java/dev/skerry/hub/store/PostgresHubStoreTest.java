package dev.skerry.hub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The contract against a real PostgreSQL database built by the shipped migrations. */
class PostgresHubStoreTest extends HubStoreContract {
  private TestPostgres database;

  @Override
  HubStore open() {
    if (database == null) {
      database = new TestPostgres();
    }
    return PostgresHubStore.open(database.url());
  }

  @AfterEach
  void dropDatabase() {
    if (database != null) {
      database.close();
    }
  }

  @Test
  void reconnectingKeepsTheDataAndDoesNotMigrateAgain() {
    store.putDevice(
        new DeviceRecord(
            "d1", Map.of("a", "b"), Map.of(), true, Instant.EPOCH, "1", 0, 0, 0, null));
    store.close();

    store = open();

    assertThat(store.device("d1").orElseThrow().reportedLabels()).containsEntry("a", "b");
  }

  @Test
  void ordersDeviceIdsByBytesWhateverTheDatabaseLocale() {
    for (String id : new String[] {"b", "B", "a-1", "a0", "a_1"}) {
      store.putDevice(DeviceRecord.firstSeen(id, Instant.EPOCH));
    }

    assertThat(store.devices())
        .extracting(DeviceRecord::id)
        .containsExactly("B", "a-1", "a0", "a_1", "b");
  }

  @Test
  void anUnreachableServerIsReportedWithoutThePassword() {
    assertThatThrownBy(
            () -> PostgresHubStore.open("jdbc:postgresql://127.0.0.1:1/x?user=u&password=secret"))
        .isInstanceOf(DatabaseUnavailableException.class)
        .hasMessageContaining("jdbc:postgresql://127.0.0.1:1/x?user=u&password=***")
        .hasMessageNotContaining("secret");
  }

  @Test
  void refusesADatabaseANewerHubWrote() throws Exception {
    store.close();
    try (Connection c = DriverManager.getConnection(database.url());
        Statement st = c.createStatement()) {
      st.execute("UPDATE schema_version SET version = 99");
    }

    assertThatThrownBy(this::open)
        .isInstanceOf(DatabaseUnavailableException.class)
        .hasMessageContaining("schema version 99")
        .hasMessageContaining("downgrades are not supported");
    store = new InMemoryHubStore();
  }
}
