package dev.skerry.agent.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A damaged agent.db is moved aside and replaced by a fresh store, never a start-up failure. */
class StoreRecoveryTest {
  @TempDir Path dir;
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-27T02:10:00Z"), ZoneOffset.UTC);

  private Path db() {
    return dir.resolve(SqliteStores.FILE_NAME);
  }

  private void storeOneDocument() {
    try (AgentStores store = SqliteStores.open(dir)) {
      store.desired().replaceDesired(7, "{\"revision\":7}".getBytes(StandardCharsets.UTF_8)).join();
      for (int i = 0; i < 50; i++) {
        store.events().logEvent("w", "test", "x".repeat(200)).join();
      }
    }
  }

  @Test
  void leavesAHealthyDatabaseAsItIs() {
    storeOneDocument();
    StoreRecovery.Opened opened = StoreRecovery.open(dir, clock);
    try (AgentStores store = opened.stores()) {
      assertThat(opened.recovered()).isEmpty();
      assertThat(store.desired().desired())
          .hasValueSatisfying(d -> assertThat(d.revision()).isEqualTo(7));
    }
  }

  @Test
  void movesGarbageAsideWithItsWalAndStartsFresh() throws Exception {
    byte[] garbage = new byte[8192];
    new Random(42).nextBytes(garbage);
    Files.write(db(), garbage);
    Files.writeString(Path.of(db() + "-wal"), "junk");
    Files.writeString(Path.of(db() + "-shm"), "junk");

    StoreRecovery.Opened opened = StoreRecovery.open(dir, clock);
    try (AgentStores store = opened.stores()) {
      StoreRecovery.Recovered r = opened.recovered().orElseThrow();
      assertThat(r.at()).isEqualTo(clock.instant());
      assertThat(r.reason()).contains("not a database");
      assertThat(r.movedTo()).hasFileName("agent.db.corrupt-20261127T021000Z");
      assertThat(Files.readAllBytes(r.movedTo())).isEqualTo(garbage);
      // SQLite itself may already have discarded an unreadable -wal/-shm while failing to open;
      // whatever is left goes along, and none of it stays next to the fresh agent.db.
      for (String suffix : new String[] {"-wal", "-shm"}) {
        Path fresh = Path.of(db() + suffix);
        if (Files.exists(fresh)) {
          assertThat(Files.readString(fresh, StandardCharsets.ISO_8859_1)).isNotEqualTo("junk");
        }
      }

      assertThat(store.desired().desired()).isEmpty();
      assertThat(store.events().recentEvents(10))
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.kind()).isEqualTo("store-recovered");
                assertThat(e.message()).contains("agent.db.corrupt-20261127T021000Z");
              });
      // The hub's retained document, whatever its revision, is accepted by the fresh store.
      assertThat(store.desired().replaceDesired(7, new byte[] {'{', '}'}).join()).isTrue();
    }
  }

  @Test
  void movesATruncatedDatabaseAside() throws Exception {
    storeOneDocument();
    long size = Files.size(db());
    assertThat(size).isGreaterThan(4 * 4096L);
    try (RandomAccessFile f = new RandomAccessFile(db().toFile(), "rw")) {
      f.setLength(size / 2);
    }

    StoreRecovery.Opened opened = StoreRecovery.open(dir, clock);
    try (AgentStores store = opened.stores()) {
      assertThat(opened.recovered()).isPresent();
      assertThat(store.desired().desired()).isEmpty();
    }
  }

  @Test
  void movesADatabaseWithAGarbledPageAside() throws Exception {
    storeOneDocument();
    try (RandomAccessFile f = new RandomAccessFile(db().toFile(), "rw")) {
      f.seek(2 * 4096L);
      byte[] junk = new byte[4096];
      new Random(7).nextBytes(junk);
      f.write(junk);
    }

    StoreRecovery.Opened opened = StoreRecovery.open(dir, clock);
    try (AgentStores store = opened.stores()) {
      assertThat(opened.recovered()).isPresent();
    }
  }

  @Test
  void keepsTwoRecoveriesInTheSameSecondApart() throws Exception {
    Files.writeString(db(), "not a database at all, clearly, not at all");
    StoreRecovery.open(dir, clock).stores().close();
    Files.writeString(db(), "not a database at all, clearly, not at all");
    StoreRecovery.open(dir, clock).stores().close();
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.contains("corrupt")))
          .containsExactlyInAnyOrder(
              "agent.db.corrupt-20261127T021000Z", "agent.db.corrupt-20261127T021000Z-1");
    }
  }

  @Test
  void aDatabaseFromANewerAgentIsNotCorruptionAndStopsStartUp() throws Exception {
    storeOneDocument();
    try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db());
        var st = c.createStatement()) {
      st.execute("PRAGMA user_version = 99");
    }
    assertThatThrownBy(() -> StoreRecovery.open(dir, clock))
        .isInstanceOf(StoreFailure.class)
        .isNotInstanceOf(StoreCorrupt.class)
        .hasMessageContaining("downgrade");
    assertThat(db()).exists();
  }
}
