package dev.skerry.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skerry.hub.security.IdentityStore.Consumed;
import dev.skerry.hub.security.IdentityStore.IdentityRecord;
import dev.skerry.hub.security.IdentityStore.Refused;
import dev.skerry.hub.security.IdentityStore.TokenRecord;
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

  static IdentityRecord identity(String id, String serial) {
    return new IdentityRecord(id, serial, NOW.plusSeconds(86400), NOW, Optional.empty(), List.of());
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
    assertThat(store.renewed("d3", "x", NOW)).isFalse();
    assertThat(store.revoke("nobody", NOW)).isFalse();

    store.enroll("h3", "d3", NOW, identity("d3", "new"));
    IdentityRecord again = store.identity("d3").orElseThrow();
    assertThat(again.revoked()).isFalse();
    assertThat(again.serial()).isEqualTo("new");
    assertThat(again.revokedSerials()).containsExactly("old");
  }
}
