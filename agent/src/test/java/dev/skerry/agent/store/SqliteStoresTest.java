package dev.skerry.agent.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skerry.agent.reconcile.LastKnownGood;
import dev.skerry.agent.reconcile.RolloutAttempt;
import dev.skerry.core.sql.Migrations;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only a file can show: every port over one agent.db, across reopening and crashes. */
class SqliteStoresTest {
  @TempDir Path dir;
  private AgentStores store;

  @BeforeEach
  void open() {
    store = SqliteStores.open(dir, Clock.systemUTC(), 3, 4);
  }

  @AfterEach
  void closeStores() {
    store.close();
  }

  @Test
  void reopenKeepsTheDocumentAndTheCounters() {
    store.desired().replaceDesired(9, "nine".getBytes(UTF_8)).join();
    long epoch = store.epochs().nextPresenceEpoch().join();
    long seq = store.outbox().appendOutbox("event", false, s -> new byte[0]).join().seq();
    store.close();

    store = SqliteStores.open(dir);
    assertThat(store.desired().desired().orElseThrow().revision()).isEqualTo(9);
    assertThat(new String(store.desired().desired().orElseThrow().document(), UTF_8))
        .isEqualTo("nine");
    assertThat(store.epochs().nextPresenceEpoch().join()).isEqualTo(epoch + 1);
    assertThat(store.outbox().appendOutbox("event", false, s -> new byte[0]).join().seq())
        .isGreaterThan(seq);
  }

  @Test
  void aHalfWrittenUpdateNeverShows() throws Exception {
    store.desired().replaceDesired(1, "one".getBytes(UTF_8)).join();
    store.close();

    // Another writer gets as far as changing the row, then dies before COMMIT.
    Connection crashed =
        DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteStores.FILE_NAME));
    crashed.setAutoCommit(false);
    try (Statement st = crashed.createStatement()) {
      st.executeUpdate("UPDATE desired_document SET revision = 2, document = X'00'");
    }
    crashed.close();

    store = SqliteStores.open(dir);
    assertThat(store.desired().desired().orElseThrow().revision()).isEqualTo(1);
    assertThat(new String(store.desired().desired().orElseThrow().document(), UTF_8))
        .isEqualTo("one");
  }

  @Test
  void usesWalFullSyncAndTheShippedSchemaVersion() throws Exception {
    store.desired().replaceDesired(1, new byte[] {1}).join();
    try (Connection c =
            DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteStores.FILE_NAME));
        PreparedStatement journal = c.prepareStatement("PRAGMA journal_mode");
        ResultSet rs = journal.executeQuery()) {
      assertThat(rs.getString(1)).isEqualTo("wal");
      try (ResultSet v = c.createStatement().executeQuery("PRAGMA user_version")) {
        assertThat(v.getInt(1)).isEqualTo(SqliteWriter.migrations().latest());
      }
    }
  }

  @Test
  void refusesADatabaseFromANewerAgent() throws Exception {
    store.close();
    try (Connection c =
            DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteStores.FILE_NAME));
        Statement st = c.createStatement()) {
      st.execute("PRAGMA user_version = 99");
    }
    assertThatThrownBy(() -> SqliteStores.open(dir))
        .isInstanceOf(StoreFailure.class)
        .hasMessageContaining("schema version 99");
    store = InMemoryStores.create();
  }

  @Test
  void writesAfterCloseFailInsteadOfHanging() {
    store.close();
    assertThat(store.desired().replaceDesired(3, new byte[0])).isCompletedExceptionally();
    store = InMemoryStores.create();
  }

  @Test
  void rolloutAttemptsSurviveReopening() {
    RolloutAttempt failed =
        RolloutAttempt.started("web", "abc", 8, Instant.parse("2026-01-01T00:00:00Z"))
            .failed(Instant.parse("2026-01-01T00:00:30Z"), "not ready within 30 s");
    store.rollback().saveRolloutAttempt(failed).join();
    store.close();

    store = SqliteStores.open(dir);
    assertThat(store.rollback().rolloutAttempts()).containsOnly(Map.entry("web", failed));
  }

  @Test
  void upgradesAVersion1DatabaseWhoseLastKnownGoodCannotBeRolledBackTo() throws Exception {
    Path old = dir.resolve("v1");
    java.nio.file.Files.createDirectories(old);
    String v1 = SqliteWriter.migrations().scripts().get(0).script();
    try (Connection c =
            DriverManager.getConnection("jdbc:sqlite:" + old.resolve(SqliteStores.FILE_NAME));
        Statement st = c.createStatement()) {
      for (String sql : Migrations.statements(v1)) {
        st.execute(sql);
      }
      st.execute("PRAGMA user_version = 1");
      st.execute("INSERT INTO last_known_good VALUES ('web', 4, 'abc', '2026-01-01T00:00:00Z')");
    }

    try (AgentStores upgraded = SqliteStores.open(old)) {
      LastKnownGood good = upgraded.rollback().lastKnownGood("web").orElseThrow();
      assertThat(good.revision()).isEqualTo(4);
      assertThat(good.desired()).isNull();
      assertThat(good.canRollBackTo()).isFalse();
      assertThat(upgraded.rollback().rolloutAttempts()).isEmpty();
    }
  }
}
