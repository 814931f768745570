package dev.skerry.hub.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skerry.hub.access.AccessStore.AuditEntry;
import dev.skerry.hub.access.AccessStore.AuditQuery;
import dev.skerry.hub.access.AccessStore.TokenKind;
import dev.skerry.hub.access.AccessStore.TokenRecord;
import dev.skerry.hub.access.AccessStore.UserRecord;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link AccessStore} does; run on SQLite, PostgreSQL and in memory. */
abstract class AccessStoreContract {
  static final Instant T0 = Instant.parse("2026-12-04T01:02:03.456Z");
  AccessStore store;

  abstract AccessStore open();

  @BeforeEach
  void openStore() {
    store = open();
  }

  static AuditEntry entry(String actor, String action, String object, Instant at) {
    return new AuditEntry(at, actor, "session", action, object, "10.0.0.1", "curl/8", null);
  }

  static UserRecord user(String name, Role role) {
    return new UserRecord(name, role, "pbkdf2-sha256$1$AA$AA", T0);
  }

  static TokenRecord token(String id, String user, TokenKind kind) {
    return new TokenRecord(id, "hash-" + id, user, "ci", kind, T0, Optional.of(T0.plusSeconds(60)));
  }

  static AuditQuery all() {
    return new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(), 0, 100);
  }

  @Test
  void storesAUserWithItsAuditEntry() {
    assertThat(
            store.createUser(
                user("ana", Role.OPERATOR), entry("root", "user.create", "user/ana", T0)))
        .isTrue();

    assertThat(store.user("ana")).contains(user("ana", Role.OPERATOR));
    assertThat(store.audit(all()))
        .extracting(r -> r.entry().action())
        .containsExactly("user.create");
  }

  @Test
  void aTakenNameIsRefusedAndNotAudited() {
    store.createUser(user("ana", Role.OPERATOR), entry("root", "user.create", "user/ana", T0));

    assertThat(
            store.createUser(user("ana", Role.ADMIN), entry("root", "user.create", "user/ana", T0)))
        .isFalse();
    assertThat(store.user("ana").orElseThrow().role()).isEqualTo(Role.OPERATOR);
    assertThat(store.audit(all())).hasSize(1);
  }

  @Test
  void listsUsersByName() {
    store.createUser(user("bo", Role.VIEWER), entry("root", "user.create", "user/bo", T0));
    store.createUser(user("ana", Role.ADMIN), entry("root", "user.create", "user/ana", T0));

    assertThat(store.users()).extracting(UserRecord::name).containsExactly("ana", "bo");
  }

  @Test
  void deletingAUserDeletesTheirTokens() {
    store.createUser(user("ana", Role.VIEWER), entry("root", "user.create", "user/ana", T0));
    store.putToken(token("t1", "ana", TokenKind.PERSONAL), null);
    store.putToken(token("t2", "ana", TokenKind.SESSION), null);

    assertThat(store.deleteUser("ana", entry("root", "user.delete", "user/ana", T0))).isTrue();

    assertThat(store.tokenByHash("hash-t1")).isEmpty();
    assertThat(store.tokenByHash("hash-t2")).isEmpty();
    assertThat(store.deleteUser("ana", entry("root", "user.delete", "user/ana", T0))).isFalse();
    assertThat(store.audit(all()))
        .extracting(r -> r.entry().action())
        .containsExactly("user.create", "user.delete");
  }

  @Test
  void findsATokenByTheHashOfItsSecretAndListsThemByKind() {
    store.putToken(
        token("t1", "ana", TokenKind.PERSONAL), entry("ana", "token.create", "token/ana/t1", T0));
    store.putToken(token("t2", "ana", TokenKind.SESSION), null);

    assertThat(store.tokenByHash("hash-t1")).contains(token("t1", "ana", TokenKind.PERSONAL));
    assertThat(store.tokens("ana", TokenKind.PERSONAL))
        .extracting(TokenRecord::id)
        .containsExactly("t1");
    assertThat(store.tokens("bo", TokenKind.PERSONAL)).isEmpty();
  }

  @Test
  void deletesOnlyTheOwnersToken() {
    store.putToken(token("t1", "ana", TokenKind.PERSONAL), null);

    assertThat(store.deleteToken("t1", "bo", entry("bo", "token.delete", "token/bo/t1", T0)))
        .isFalse();
    assertThat(store.deleteToken("t1", "ana", entry("ana", "token.delete", "token/ana/t1", T0)))
        .isTrue();
    assertThat(store.tokenByHash("hash-t1")).isEmpty();
    assertThat(store.audit(all())).extracting(r -> r.entry().actor()).containsExactly("ana");
  }

  @Test
  void readsTheAuditTrailBySinceActorObjectAndPage() {
    for (int i = 0; i < 5; i++) {
      store.append(
          entry(
                  i % 2 == 0 ? "ana" : "bo",
                  "deployment.apply",
                  "deployment/web" + (i % 3),
                  T0.plusSeconds(i))
              .withRevision(i));
    }

    var page1 =
        store.audit(new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(), 0, 2));
    var page2 =
        store.audit(
            new AuditQuery(
                Optional.empty(), Optional.empty(), Optional.empty(), page1.get(1).id(), 2));

    assertThat(page1).extracting(r -> r.entry().revision()).containsExactly(0L, 1L);
    assertThat(page2).extracting(r -> r.entry().revision()).containsExactly(2L, 3L);
    assertThat(
            store.audit(
                new AuditQuery(
                    Optional.of(T0.plusSeconds(3)), Optional.empty(), Optional.empty(), 0, 10)))
        .extracting(r -> r.entry().revision())
        .containsExactly(3L, 4L);
    assertThat(
            store.audit(
                new AuditQuery(Optional.empty(), Optional.of("bo"), Optional.empty(), 0, 10)))
        .extracting(r -> r.entry().revision())
        .containsExactly(1L, 3L);
    assertThat(
            store.audit(
                new AuditQuery(
                    Optional.empty(), Optional.empty(), Optional.of("deployment/web0"), 0, 10)))
        .extracting(r -> r.entry().revision())
        .containsExactly(0L, 3L);
    assertThat(page1.get(0).entry())
        .isEqualTo(entry("ana", "deployment.apply", "deployment/web0", T0).withRevision(0));
  }
}
