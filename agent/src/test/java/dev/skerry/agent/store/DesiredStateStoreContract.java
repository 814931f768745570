package dev.skerry.agent.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Behaviour every {@link DesiredStateStore} must have; run against SQLite and in-memory. */
abstract class DesiredStateStoreContract extends StoreContract {

  private DesiredStateStore store() {
    return stores.desired();
  }

  @Test
  void startsWithoutDesiredDocument() {
    assertThat(store().desired()).isEmpty();
  }

  @Test
  void keepsTheExactBytesOfTheDesiredDocument() {
    byte[] bytes = "{\"v\":1,  \"revision\":5}\n".getBytes(UTF_8);
    assertThat(store().replaceDesired(5, bytes).join()).isTrue();
    assertThat(store().desired())
        .get()
        .satisfies(
            d -> {
              assertThat(d.revision()).isEqualTo(5);
              assertThat(d.document()).isEqualTo(bytes);
            });
  }

  @Test
  void dropsADocumentThatIsNotNewer() {
    store().replaceDesired(5, "five".getBytes(UTF_8)).join();
    assertThat(store().replaceDesired(5, "other five".getBytes(UTF_8)).join()).isFalse();
    assertThat(store().replaceDesired(4, "four".getBytes(UTF_8)).join()).isFalse();
    assertThat(new String(store().desired().orElseThrow().document(), UTF_8)).isEqualTo("five");
  }

  @Test
  void replacesWithANewerDocument() {
    store().replaceDesired(5, "five".getBytes(UTF_8)).join();
    assertThat(store().replaceDesired(6, "six".getBytes(UTF_8)).join()).isTrue();
    assertThat(store().desired().orElseThrow().revision()).isEqualTo(6);
  }

  @Test
  void aStoredDocumentIsACopyTheCallerCannotChange() {
    byte[] bytes = "one".getBytes(UTF_8);
    store().replaceDesired(1, bytes).join();
    bytes[0] = 'X';
    assertThat(new String(store().desired().orElseThrow().document(), UTF_8)).isEqualTo("one");
  }
}
