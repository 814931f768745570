package dev.skerry.hub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract against a real SQLite file built by the shipped migrations. */
class SqliteHubStoreTest extends HubStoreContract {
  @TempDir Path dir;

  @Override
  HubStore open() {
    return SqliteHubStore.open("jdbc:sqlite:" + dir.resolve("sub/hub.db"));
  }

  @Test
  void reopeningTheFileKeepsTheDataAndDoesNotMigrateAgain() {
    store.putDevice(
        new DeviceRecord(
            "d1", Map.of("a", "b"), Map.of(), true, Instant.EPOCH, "1", 0, 0, 0, null));
    store.close();

    store = open();

    assertThat(store.device("d1").orElseThrow().reportedLabels()).containsEntry("a", "b");
  }

  @Test
  void refusesADatabaseANewerHubWrote() throws Exception {
    store.close();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("sub/hub.db"));
        Statement st = c.createStatement()) {
      st.execute("UPDATE schema_version SET version = 99");
    }

    assertThatThrownBy(this::open)
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("schema version 99")
        .hasMessageContaining("downgrades are not supported");
    store = new InMemoryHubStore();
  }
}
