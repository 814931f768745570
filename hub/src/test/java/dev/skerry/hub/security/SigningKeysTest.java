package dev.skerry.hub.security;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skerry.core.identity.DocumentSignature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeysTest {
  @TempDir Path dir;
  private final InMemorySigningKeyStore store = new InMemorySigningKeyStore();
  private final Instant t0 = Instant.parse("2026-12-01T10:00:00Z");
  private Clock clock = Clock.fixed(t0, ZoneOffset.UTC);
  private PublicKey oldKey;
  private SigningKeys keys;

  @BeforeEach
  void setUp() {
    HubPki pki = HubPki.loadOrCreate(dir, List.of("localhost"), "skerry-hub-test", t0);
    oldKey = pki.signingKeys().get(0);
    keys = SigningKeys.load(dir, store, clock);
  }

  private PublicKey signer(String deviceId) {
    byte[] doc = "{}".getBytes(UTF_8);
    var v = DocumentSignature.verify(keys.sign(deviceId, doc), doc, keys.announced());
    return ((DocumentSignature.Valid) v).key();
  }

  @Test
  void beforeAnyRotationTheFirstKeySignsAndIsTheOnlyOneAnnounced() {
    assertThat(keys.announced()).containsExactly(oldKey);
    assertThat(signer("a")).isEqualTo(oldKey);
    assertThat(keys.status().rotating()).isFalse();
  }

  @Test
  void duringARotationTheOldKeySignsUntilTheDeviceAcknowledges() throws Exception {
    keys.begin(Duration.ofHours(1), Map.of("a", 4L, "b", 2L));
    PublicKey newKey = keys.announced().get(1);
    assertThat(keys.announced()).containsExactly(oldKey, newKey);
    assertThat(signer("a")).isEqualTo(oldKey);
    assertThat(signer("enrolled-later")).isEqualTo(newKey);
    assertThat(
            Files.getPosixFilePermissions(
                dir.resolve(
                    "signing-" + dev.skerry.core.identity.Fingerprints.keyId(newKey) + ".key")))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));

    assertThat(keys.acknowledge(Map.of("a", 3L, "b", 2L))).isFalse();
    assertThat(signer("a")).isEqualTo(oldKey);
    assertThat(signer("b")).isEqualTo(newKey);
    assertThat(keys.status().devicesNeedingOldKey()).isEqualTo(1);

    assertThat(keys.acknowledge(Map.of("a", 4L))).isTrue();
    keys.retire();
    assertThat(keys.announced()).containsExactly(newKey);
    assertThat(signer("a")).isEqualTo(newKey);
    assertThat(Files.exists(dir.resolve("signing.key"))).isTrue();
  }

  @Test
  void theOldKeyIsDueAfterTheGracePeriodEvenIfADeviceNeverAcknowledged() {
    keys.begin(Duration.ofHours(1), Map.of("gone", 1L));
    assertThat(keys.acknowledge(Map.of())).isFalse();
    clock = Clock.fixed(t0.plus(Duration.ofHours(1)), ZoneOffset.UTC);
    keys = SigningKeys.load(dir, store, clock);
    assertThat(keys.acknowledge(Map.of())).isTrue();
  }

  @Test
  void aSecondRotationIsRefusedWhileOneIsInProgress() {
    keys.begin(Duration.ofHours(1), Map.of("a", 1L));
    assertThatThrownBy(() -> keys.begin(Duration.ofHours(1), Map.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("in progress");
  }

  @Test
  void theStateSurvivesARestart() {
    keys.begin(Duration.ofHours(1), Map.of("a", 1L, "b", 1L));
    keys.acknowledge(Map.of("b", 1L));
    SigningKeys again = SigningKeys.load(dir, store, clock);
    assertThat(again.announced()).isEqualTo(keys.announced());
    assertThat(again.status().devicesNeedingOldKey()).isEqualTo(1);
  }

  @Test
  void refusesToStartWhenAKeyInUseHasNoFile() throws Exception {
    keys.begin(Duration.ofHours(1), Map.of());
    try (var files = Files.list(dir)) {
      for (Path f : files.filter(f -> f.getFileName().toString().startsWith("signing-")).toList()) {
        Files.delete(f);
      }
    }
    assertThatThrownBy(() -> SigningKeys.load(dir, store, clock))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("restore the file");
  }
}
