package dev.skerry.hub.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skerry.core.identity.DocumentSignature;
import dev.skerry.core.identity.Fingerprints;
import dev.skerry.core.tls.Pem;
import dev.skerry.core.wire.WireJson;
import dev.skerry.hub.security.HubPki;
import dev.skerry.hub.security.InMemorySigningKeyStore;
import dev.skerry.hub.security.SigningKeys;
import dev.skerry.hub.store.DeviceRecord;
import dev.skerry.hub.store.InMemoryHubStore;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyRotationTest {
  @TempDir Path dir;
  private final InMemoryHubStore store = new InMemoryHubStore();
  private final Clock clock = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
  private final ControlLoop loop = new ControlLoop();
  private final List<Sent> sent = new ArrayList<>();
  private SigningKeys keys;
  private Recomposer recomposer;
  private KeyRotation rotation;
  private PublicKey oldKey;

  /** A published document: its device, revision, announced keys and the key that signed it. */
  record Sent(String deviceId, long revision, List<PublicKey> announced, PublicKey signedBy) {}

  @BeforeEach
  void setUp() {
    HubPki pki = HubPki.loadOrCreate(dir, List.of("localhost"), "skerry-hub-t", clock.instant());
    oldKey = pki.signingKeys().get(0);
    keys = SigningKeys.load(dir, new InMemorySigningKeyStore(), clock);
    recomposer =
        new Recomposer(
            store,
            (id, json) -> sent.add(decode(id, json, keys.sign(id, json))),
            clock,
            keys::announcedPem);
    rotation = new KeyRotation(store, recomposer, keys, loop);
    device("a", 0);
    device("b", 0);
  }

  @AfterEach
  void stop() {
    loop.close();
    rotation.close();
  }

  private Sent decode(String id, byte[] json, String signature) {
    try {
      JsonNode doc = WireJson.mapper().readTree(json);
      List<PublicKey> announced = new ArrayList<>();
      doc.path("signingKeys").forEach(k -> announced.add(Pem.publicKey(k.asText())));
      var v = DocumentSignature.verify(signature, json, keys.announced());
      PublicKey by =
          v instanceof DocumentSignature.Valid valid ? valid.key() : retired(signature, json);
      return new Sent(id, doc.path("revision").asLong(), announced, by);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private PublicKey retired(String signature, byte[] json) {
    var v = DocumentSignature.verify(signature, json, List.of(oldKey));
    return ((DocumentSignature.Valid) v).key();
  }

  private void device(String id, long reportedDesired) {
    store.putDevice(
        new DeviceRecord(
            id,
            Map.of(),
            Map.of(),
            true,
            clock.instant(),
            "1",
            0,
            0,
            0,
            reportedDesired == 0 ? null : "{\"desiredRevision\":" + reportedDesired + "}"));
  }

  private void onLoop(Runnable r) {
    loop.submit(
            () -> {
              r.run();
              return null;
            })
        .join();
  }

  private Sent last(String id) {
    return sent.stream().filter(s -> s.deviceId().equals(id)).reduce((x, y) -> y).orElseThrow();
  }

  @Test
  void announcesTheNewKeyUnderTheOldOneSwitchesEachDeviceOnItsAckAndRetiresTheOldKey() {
    rotation.rotate(Duration.ofHours(1)).join();
    PublicKey newKey = keys.announced().get(1);
    assertThat(last("a")).isEqualTo(new Sent("a", 1, List.of(oldKey, newKey), oldKey));
    assertThat(last("b")).isEqualTo(new Sent("b", 1, List.of(oldKey, newKey), oldKey));

    device("a", 1);
    onLoop(rotation::tick);
    onLoop(recomposer::reannounce);
    assertThat(last("a").signedBy()).isEqualTo(newKey);
    assertThat(last("b").signedBy()).isEqualTo(oldKey);
    assertThat(last("b").announced()).containsExactly(oldKey, newKey);
    assertThat(keys.status().devicesNeedingOldKey()).isEqualTo(1);

    device("b", 2);
    onLoop(rotation::tick);
    assertThat(keys.status().rotating()).isFalse();
    assertThat(last("a")).isEqualTo(new Sent("a", 3, List.of(newKey), newKey));
    assertThat(last("b")).isEqualTo(new Sent("b", 3, List.of(newKey), newKey));
    assertThat(Fingerprints.keyId(newKey)).isEqualTo(keys.status().keys().get(1).keyId());
  }

  @Test
  void aDeviceThatHasNotReportedTheTransitionalRevisionKeepsGettingTheOldKeysSignature() {
    rotation.rotate(Duration.ofHours(1)).join();
    onLoop(rotation::tick);
    assertThat(keys.status().devicesNeedingOldKey()).isEqualTo(2);
    onLoop(recomposer::reannounce);
    assertThat(last("a").signedBy()).isEqualTo(oldKey);
  }
}
