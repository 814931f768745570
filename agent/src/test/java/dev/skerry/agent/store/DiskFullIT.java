package dev.skerry.agent.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * agent.db on a real, tiny filesystem (a 1 MiB tmpfs mounted for the test; needs root, and fails
 * rather than skips without it): a write on a full disk fails clearly and harms nothing.
 */
class DiskFullIT {
  private Path mount;

  @BeforeEach
  void mountTinyFilesystem() throws Exception {
    mount = Files.createTempDirectory("skerry-diskfull");
    Process p =
        new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mount.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      fail("cannot mount a 1 MiB tmpfs on " + mount + " (this test needs root): " + out);
    }
  }

  @AfterEach
  void unmount() throws Exception {
    new ProcessBuilder("umount", mount.toString())
        .inheritIO()
        .start()
        .waitFor(30, TimeUnit.SECONDS);
    Files.deleteIfExists(mount);
  }

  /** Writes zeros into {@code file} until the filesystem refuses: the disk is then full. */
  private static void fill(Path file) {
    byte[] block = new byte[4096];
    try (OutputStream out = Files.newOutputStream(file)) {
      while (true) {
        out.write(block);
        out.flush();
      }
    } catch (IOException expected) {
      assertThat(expected.getMessage()).containsIgnoringCase("space");
    }
  }

  private static byte[] document(long revision, int size) {
    byte[] doc = new byte[size];
    Arrays.fill(doc, (byte) ' ');
    byte[] head = ("{\"revision\":" + revision + "}").getBytes(StandardCharsets.UTF_8);
    System.arraycopy(head, 0, doc, 0, head.length);
    return doc;
  }

  @Test
  void aFullDiskFailsTheWriteClearlyKeepsTheOldDocumentAndRecoversWhenFreed() throws Exception {
    Path filler = mount.resolve("filler");
    try (AgentStores store = SqliteStores.open(mount)) {
      byte[] first = document(1, 20_000);
      assertThat(store.desired().replaceDesired(1, first).join()).isTrue();

      fill(filler);
      assertThatThrownBy(() -> store.desired().replaceDesired(2, document(2, 200_000)).join())
          .isInstanceOf(CompletionException.class)
          .cause()
          .isInstanceOf(StoreFailure.class)
          .isNotInstanceOf(StoreCorrupt.class)
          .hasMessageContaining("disk full");

      // The old document is intact and still served.
      StoredDesired kept = store.desired().desired().orElseThrow();
      assertThat(kept.revision()).isEqualTo(1);
      assertThat(kept.document()).isEqualTo(first);

      Files.delete(filler);
      byte[] second = document(2, 200_000);
      assertThat(store.desired().replaceDesired(2, second).join()).isTrue();
      assertThat(store.desired().desired().orElseThrow().document()).isEqualTo(second);
    }

    // Reopening runs SQLite's quick_check; a full integrity check on top.
    StoreRecovery.Opened reopened = StoreRecovery.open(mount, java.time.Clock.systemUTC());
    try (AgentStores store = reopened.stores()) {
      assertThat(reopened.recovered()).isEmpty();
      assertThat(store.desired().desired().orElseThrow().revision()).isEqualTo(2);
    }
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + mount.resolve("agent.db"));
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("ok");
    }
  }
}
