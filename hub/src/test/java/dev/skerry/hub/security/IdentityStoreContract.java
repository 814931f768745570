package dev.skerry.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skerry.hub.security.IdentityStore.Consumed;
import dev.skerry.hub.security.IdentityStore.IdentityRecord;
import dev.skerry.hub.security.IdentityStore.Refused;
import dev.skerry.hub.security.IdentityStore.RenewalRequest;
import dev.skerry.hub.security.IdentityStore.TokenRecord;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link IdentityStore} does; run against memory, SQLite and PostgreSQL. */
abstract class IdentityStoreContract {
  static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
  IdentityStore store;

  abstract IdentityStore open();

  @BeforeEach
  void openStore() {
    store = open();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  static TokenRecord token(String hash, int uses, String deviceId) {
    return new TokenRecord(
        hash,
        NOW.plusSeconds(3600),
        uses,
        Optional.ofNullable(deviceId),
        Map.of("site", "north"),
        NOW);
  }

  static final KeyPair KEYS = CertificateIssuer.ecKeyPair();

  static IdentityRecord identity(String id, String serial) {
    return new IdentityRecord(
        id,
        serial,
        NOW.plusSeconds(86400),
        Optional.of(KEYS.getPublic()),
        NOW,
        Optional.empty(),
        List.of());
  }

  static RenewalRequest request(String id, Instant at) {
    return new RenewalRequest(id, KEYS.getPublic(), "aa", at, Optional.empty(), Optional.empty());
  }

  @Test
  void consumesOneUseAndRecordsTheIdentityInOneStep() {
    store.putToken(token("h1", 1, null));

    var first = store.enroll("h1", "d1", NOW, identity("d1", "aa"));
    var second = store.enroll("h1", "d2", NOW, identity("d2", "bb"));

    assertThat(first).isInstanceOf(Consumed.class);
    assertThat(((Consumed) first).token().labels()).containsEntry("site", "north");
    assertThat(second).isEqualTo(new Refused("used", token("h1", 0, null)));
    assertThat(store.identity("d1")).map(IdentityRecord::serial).contains("aa");
    assertThat(store.identity("d2")).isEmpty();
  }

  @Test
  void refusesUnknownExpiredAndMismatchedTokensWithoutRecordingAnything() {
    store.putToken(token("h2", 1, "bound"));

    assertThat(store.enroll("nope", "d", NOW, identity("d", "1")))
        .isEqualTo(new Refused("unknown", null));
    assertThat(
            ((Refused) store.enroll("h2", "d", NOW.plusSeconds(7200), identity("d", "1"))).reason())
        .isEqualTo("expired");
    assertThat(((Refused) store.enroll("h2", "other", NOW, identity("other", "1"))).reason())
        .isEqualTo("mismatch");
    assertThat(store.identity("d")).isEmpty();
    assertThat(store.enroll("h2", "bound", NOW, identity("bound", "1")))
        .isInstanceOf(Consumed.class);
  }

  @Test
  void revocationIsKeptAndAnewEnrollmentClearsItButNotTheOldSerial() {
    store.putToken(token("h3", 2, null));
    store.enroll("h3", "d3", NOW, identity("d3", "old"));

    assertThat(store.revoke("d3", NOW)).isTrue();
    assertThat(store.identity("d3").orElseThrow().revoked()).isTrue();
    assertThat(store.renewed("d3", "x", NOW, KEYS.getPublic())).isFalse();
    assertThat(store.revoke("nobody", NOW)).isFalse();

    store.enroll("h3", "d3", NOW, identity("d3", "new"));
    IdentityRecord again = store.identity("d3").orElseThrow();
    assertThat(again.revoked()).isFalse();
    assertThat(again.serial()).isEqualTo("new");
    assertThat(again.revokedSerials()).containsExactly("old");
  }

  @Test
  void keepsThePublicKeySerialAndExpiryOfTheIssuedCertificate() {
    store.putToken(token("h4", 1, null));
    store.enroll("h4", "d4", NOW, identity("d4", "aa"));
    PublicKey renewedKey = CertificateIssuer.ecKeyPair().getPublic();

    assertThat(store.identity("d4").orElseThrow().publicKey()).contains(KEYS.getPublic());
    assertThat(store.renewed("d4", "bb", NOW.plusSeconds(99), renewedKey)).isTrue();

    IdentityRecord renewed = store.identity("d4").orElseThrow();
    assertThat(renewed.serial()).isEqualTo("bb");
    assertThat(renewed.notAfter()).isEqualTo(NOW.plusSeconds(99));
    assertThat(renewed.publicKey()).contains(renewedKey);
  }

  @Test
  void holdsOneRenewalRequestPerDeviceUntilApprovedThenKeepsItsCertificate() {
    store.putToken(token("h5", 2, null));
    store.enroll("h5", "d5", NOW, identity("d5", "aa"));
    store.enroll("h5", "d6", NOW, identity("d6", "cc"));
    store.requestRenewal(request("d6", NOW.plusSeconds(2)));
    store.requestRenewal(request("d5", NOW.plusSeconds(1)));
    store.requestRenewal(request("d5", NOW.plusSeconds(3)));

    assertThat(store.pendingRenewals())
        .extracting(RenewalRequest::deviceId)
        .containsExactly("d6", "d5");
    assertThat(store.approveRenewal("d5", "bb", NOW.plusSeconds(500), "PEM", NOW.plusSeconds(4)))
        .isTrue();

    RenewalRequest approved = store.renewalRequest("d5").orElseThrow();
    assertThat(approved.pending()).isFalse();
    assertThat(approved.certificate()).contains("PEM");
    assertThat(approved.approvedAt()).contains(NOW.plusSeconds(4));
    assertThat(approved.publicKey()).isEqualTo(KEYS.getPublic());
    assertThat(store.identity("d5").orElseThrow().serial()).isEqualTo("bb");
    assertThat(store.pendingRenewals()).extracting(RenewalRequest::deviceId).containsExactly("d6");
    assertThat(store.approveRenewal("d5", "zz", NOW, "PEM2", NOW)).isFalse();
    assertThat(store.identity("d5").orElseThrow().serial()).isEqualTo("bb");
  }

  @Test
  void approvesNothingForARevokedDeviceOrWithoutARequest() {
    store.putToken(token("h6", 1, null));
    store.enroll("h6", "d7", NOW, identity("d7", "aa"));

    assertThat(store.approveRenewal("d7", "bb", NOW, "PEM", NOW)).isFalse();
    store.requestRenewal(request("d7", NOW));
    store.revoke("d7", NOW);

    assertThat(store.approveRenewal("d7", "bb", NOW, "PEM", NOW)).isFalse();
    assertThat(store.renewalRequest("d7").orElseThrow().pending()).isTrue();
    assertThat(store.identity("d7").orElseThrow().serial()).isEqualTo("aa");
  }

  @Test
  void aNewEnrollmentVoidsARenewalRequest() {
    store.putToken(token("h7", 2, null));
    store.enroll("h7", "d8", NOW, identity("d8", "aa"));
    store.requestRenewal(request("d8", NOW));

    store.enroll("h7", "d8", NOW, identity("d8", "new"));

    assertThat(store.renewalRequest("d8")).isEmpty();
    assertThat(store.pendingRenewals()).isEmpty();
  }
}
