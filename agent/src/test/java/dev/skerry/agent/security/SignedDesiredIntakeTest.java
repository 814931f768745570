package dev.skerry.agent.security;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skerry.agent.store.AgentStores;
import dev.skerry.agent.store.DesiredStateStore;
import dev.skerry.agent.store.InMemoryStores;
import dev.skerry.agent.store.LocalEvent;
import dev.skerry.agent.sync.DesiredIntake;
import dev.skerry.agent.sync.DesiredIntake.Outcome;
import dev.skerry.agent.sync.Refusals;
import dev.skerry.agent.sync.SyncMetrics;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Desired documents are stored only when signed by a pinned key, for this device, and newer. */
class SignedDesiredIntakeTest {
  @TempDir Path data;
  private final AgentStores stores = InMemoryStores.create();
  private final AtomicInteger triggers = new AtomicInteger();
  private final SyncMetrics metrics = new SyncMetrics();
  private final TestSigner hub = TestSigner.create();
  private Refusals refusals;
  private PinnedSigningKeys keys;
  private DesiredIntake intake;

  @BeforeEach
  void setUp() throws Exception {
    hub.pin(data);
    refusals = new Refusals(stores.events());
    keys = new PinnedSigningKeys(new IdentityFiles(data));
    intake = newIntake();
  }

  private DesiredIntake newIntake() {
    return new DesiredIntake(
        "dev1", stores.desired(), triggers::incrementAndGet, metrics, refusals, keys);
  }

  static String doc(String device, long revision, String extra) {
    return "{\"v\":1,\"deviceId\":\""
        + device
        + "\",\"revision\":"
        + revision
        + ",\"issuedAt\":\"2026-12-01T00:00:00Z\",\"workloads\":[{\"deployment\":\"d\","
        + "\"revision\":1,\"spec\":{\"name\":\"web\",\"image\":\"img:1\"}}]"
        + extra
        + "}";
  }

  private Outcome accept(String json, String signature) {
    return intake.accept(json.getBytes(UTF_8), signature).join();
  }

  private String lastEvent() {
    return stores.events().recentEvents(1).stream().map(LocalEvent::message).findFirst().orElse("");
  }

  @Test
  void storesADocumentSignedWithThePinnedKeyWithItsSignature() {
    String json = doc("dev1", 3, "");
    String sig = hub.sign(json);
    assertThat(accept(json, sig)).isEqualTo(Outcome.STORED);
    assertThat(stores.desired().desired().orElseThrow().document()).isEqualTo(json.getBytes(UTF_8));
    assertThat(stores.desired().desiredSignature()).contains(sig);
    assertThat(triggers).hasValue(1);
  }

  @Test
  void refusesAnUnsignedDocumentWithAnErrorEvent() {
    assertThat(accept(doc("dev1", 3, ""), null)).isEqualTo(Outcome.REJECTED);
    assertThat(stores.desired().desired()).isEmpty();
    assertThat(refusals.count("unsigned")).isEqualTo(1);
    assertThat(lastEvent()).contains("refused: unsigned");
    assertThat(triggers).hasValue(0);
  }

  @Test
  void refusesAForgedDocument() {
    String sig = hub.sign(doc("dev1", 3, ""));
    assertThat(accept(doc("dev1", 3, ",\"x\":1"), sig)).isEqualTo(Outcome.REJECTED);
    assertThat(refusals.count("forged")).isEqualTo(1);
    assertThat(stores.desired().desired()).isEmpty();
  }

  @Test
  void refusesADocumentSignedByAnotherKey() {
    String json = doc("dev1", 3, "");
    assertThat(accept(json, TestSigner.create().sign(json))).isEqualTo(Outcome.REJECTED);
    assertThat(refusals.count("untrusted-key")).isEqualTo(1);
  }

  @Test
  void refusesADocumentForAnotherDeviceEvenIfSigned() {
    String json = doc("dev2", 3, "");
    assertThat(accept(json, hub.sign(json))).isEqualTo(Outcome.REJECTED);
    assertThat(refusals.count("wrong-device")).isEqualTo(1);
  }

  @Test
  void refusesAReplayedOlderRevisionAlsoAfterARestartButTakesTheSameDocumentAgainQuietly() {
    String v3 = doc("dev1", 3, "");
    String v2 = doc("dev1", 2, "");
    String sig2 = hub.sign(v2);
    assertThat(accept(v3, hub.sign(v3))).isEqualTo(Outcome.STORED);
    assertThat(accept(v2, sig2)).isEqualTo(Outcome.REJECTED);
    assertThat(refusals.count("replayed")).isEqualTo(1);

    intake = newIntake(); // a restart: the held revision comes from the store
    assertThat(accept(v2, sig2)).isEqualTo(Outcome.REJECTED);
    assertThat(refusals.count("replayed")).isEqualTo(2);
    // The retained document again after a reconnect is no refusal.
    assertThat(accept(v3, hub.sign(v3))).isEqualTo(Outcome.STALE);
    assertThat(refusals.count("replayed")).isEqualTo(2);
    // Same revision, other content: a replay.
    String other = doc("dev1", 3, ",\"note\":\"x\"");
    assertThat(accept(other, hub.sign(other))).isEqualTo(Outcome.REJECTED);
    assertThat(stores.desired().desired().orElseThrow().revision()).isEqualTo(3);
  }

  @Test
  void aVerifiedDocumentAnnouncingSigningKeysRotatesThePinnedSet() throws Exception {
    TestSigner next = TestSigner.create();
    String announce =
        doc("dev1", 4, ",\"signingKeys\":[" + quoted(hub.pem()) + "," + quoted(next.pem()) + "]");
    assertThat(accept(announce, hub.sign(announce))).isEqualTo(Outcome.STORED);
    assertThat(keys.current()).containsExactly(hub.publicKey(), next.publicKey());

    String byNext = doc("dev1", 5, ",\"signingKeys\":[" + quoted(next.pem()) + "]");
    assertThat(accept(byNext, next.sign(byNext))).isEqualTo(Outcome.STORED);
    assertThat(keys.current()).containsExactly(next.publicKey());
    // On disk too: a restarted agent trusts only the new key.
    assertThat(new IdentityFiles(data).signingKeys()).containsExactly(next.publicKey());

    String byOld = doc("dev1", 6, "");
    assertThat(accept(byOld, hub.sign(byOld))).isEqualTo(Outcome.REJECTED);
    assertThat(refusals.count("untrusted-key")).isEqualTo(1);
  }

  @Test
  void announcedKeysArePinnedBeforeTheDocumentIsStoredSoACrashInBetweenLosesNoPin() {
    TestSigner next = TestSigner.create();
    String announce =
        doc("dev1", 4, ",\"signingKeys\":[" + quoted(hub.pem()) + "," + quoted(next.pem()) + "]");
    DesiredStateStore failing = new FailingStore(stores.desired());
    DesiredIntake crashing =
        new DesiredIntake("dev1", failing, triggers::incrementAndGet, metrics, refusals, keys);

    assertThat(crashing.accept(announce.getBytes(UTF_8), hub.sign(announce)))
        .failsWithin(java.time.Duration.ofSeconds(5));

    // Not stored, so not acknowledged: the broker delivers it again and it still verifies.
    assertThat(stores.desired().desired()).isEmpty();
    assertThat(new IdentityFiles(data).signingKeys())
        .containsExactly(hub.publicKey(), next.publicKey());
    assertThat(accept(announce, hub.sign(announce))).isEqualTo(Outcome.STORED);
  }

  /** A store whose write fails, as a full disk or a crash mid-write would. */
  private record FailingStore(DesiredStateStore delegate) implements DesiredStateStore {
    @Override
    public java.util.Optional<dev.skerry.agent.store.StoredDesired> desired() {
      return delegate.desired();
    }

    @Override
    public java.util.concurrent.CompletableFuture<Boolean> replaceDesired(
        long revision, byte[] document) {
      return java.util.concurrent.CompletableFuture.failedFuture(
          new java.io.UncheckedIOException(new java.io.IOException("disk full")));
    }

    @Override
    public java.util.concurrent.CompletableFuture<Boolean> replaceSignedDesired(
        long revision, byte[] document, String signature) {
      return replaceDesired(revision, document);
    }

    @Override
    public java.util.Optional<String> desiredSignature() {
      return delegate.desiredSignature();
    }
  }

  @Test
  void keysAnnouncedByAnUnverifiedDocumentAreNotAdopted() {
    TestSigner attacker = TestSigner.create();
    String json = doc("dev1", 4, ",\"signingKeys\":[" + quoted(attacker.pem()) + "]");
    assertThat(accept(json, attacker.sign(json))).isEqualTo(Outcome.REJECTED);
    assertThat(keys.current()).containsExactly(hub.publicKey());
  }

  private static String quoted(String pem) {
    return "\"" + pem.replace("\n", "\\n") + "\"";
  }
}
