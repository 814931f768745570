package dev.skerry.hub.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skerry.hub.access.AccessStore.AuditQuery;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccountsTest {
  private static final char[] PASSWORD = "a long enough password".toCharArray();
  private final InMemoryAccessStore store = new InMemoryAccessStore();
  private final Clock clock = Clock.fixed(Instant.parse("2026-12-04T00:00:00Z"), ZoneOffset.UTC);
  private final Accounts accounts =
      new Accounts(store, new PasswordHasher(10), new LoginThrottle(), "file-token"::equals, clock);
  private final Caller admin = new Caller(Principal.adminToken(), "127.0.0.1", "test");

  private Accounts.LoggedIn login(String name) {
    return (Accounts.LoggedIn) accounts.login(name, PASSWORD, "10.0.0.1", "test");
  }

  @Test
  void theAdminTokenFileIsAnAdmin() {
    assertThat(accounts.authenticate("file-token")).contains(Principal.adminToken());
    assertThat(accounts.authenticate("another")).isEmpty();
  }

  @Test
  void aLoginSessionCarriesTheUsersRole() {
    accounts.createUser("ana", PASSWORD, Role.OPERATOR, admin);

    Accounts.LoggedIn in = login("ana");

    assertThat(accounts.authenticate(in.secret()))
        .contains(new Principal("ana", Role.OPERATOR, "session"));
    assertThat(in.expiresAt()).isEqualTo(clock.instant().plus(Accounts.SESSION_LIFE));
  }

  @Test
  void aWrongPasswordIsRefusedAndAnUnknownUserLooksTheSame() {
    accounts.createUser("ana", PASSWORD, Role.VIEWER, admin);

    assertThat(accounts.login("ana", "wrong password!".toCharArray(), "a", null))
        .isInstanceOf(Accounts.Refused.class);
    assertThat(accounts.login("nobody", PASSWORD, "a", null)).isInstanceOf(Accounts.Refused.class);
  }

  @Test
  void repeatedWrongPasswordsAreThrottledEvenWithTheRightOne() {
    accounts.createUser("ana", PASSWORD, Role.VIEWER, admin);
    for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
      accounts.login("ana", "wrong password!".toCharArray(), "10.0.0." + i, null);
    }

    assertThat(accounts.login("ana", PASSWORD, "10.0.0.99", null))
        .isInstanceOf(Accounts.Throttled.class);
  }

  @Test
  void aDeletedUsersTokensStopWorking() {
    accounts.createUser("ana", PASSWORD, Role.ADMIN, admin);
    Accounts.LoggedIn in = login("ana");
    Caller ana = new Caller(in.principal(), null, null);
    String personal = accounts.createToken("ci", Optional.empty(), ana).secret();

    accounts.deleteUser("ana", admin);

    assertThat(accounts.authenticate(in.secret())).isEmpty();
    assertThat(accounts.authenticate(personal)).isEmpty();
  }

  @Test
  void aPersonalTokenCarriesItsUsersRoleAndNameUntilItExpires() {
    accounts.createUser("ana", PASSWORD, Role.VIEWER, admin);
    Caller ana = new Caller(login("ana").principal(), null, null);

    var created = accounts.createToken("ci", Optional.of(clock.instant().plusSeconds(60)), ana);
    var expired = accounts.createToken("old", Optional.of(clock.instant().plusMillis(1)), ana);

    assertThat(accounts.authenticate(created.secret()))
        .contains(new Principal("ana", Role.VIEWER, "token:ci"));
    assertThat(created.token().secretHash()).isNotEqualTo(created.secret());
    Accounts later =
        new Accounts(
            store,
            new PasswordHasher(10),
            new LoginThrottle(),
            s -> false,
            Clock.offset(clock, java.time.Duration.ofSeconds(1)));
    assertThat(later.authenticate(expired.secret())).isEmpty();
    assertThat(later.authenticate(created.secret())).isPresent();
  }

  @Test
  void deletingATokenOfAnotherUserIsNotFound() {
    accounts.createUser("ana", PASSWORD, Role.VIEWER, admin);
    accounts.createUser("bo", PASSWORD, Role.VIEWER, admin);
    var token =
        accounts.createToken(
            "ci", Optional.empty(), new Caller(login("ana").principal(), null, null));

    assertThatThrownBy(
            () ->
                accounts.deleteToken(
                    token.token().id(), new Caller(login("bo").principal(), null, null)))
        .isInstanceOf(AccessException.class)
        .hasMessageContaining("no token");
  }

  @Test
  void theAdminTokenFileCannotOwnTokens() {
    assertThatThrownBy(() -> accounts.createToken("ci", Optional.empty(), admin))
        .isInstanceOf(AccessException.class)
        .hasMessageContaining("no user");
  }

  @Test
  void refusesBadNamesShortPasswordsAndTakenNames() {
    accounts.createUser("ana", PASSWORD, Role.VIEWER, admin);

    assertThatThrownBy(() -> accounts.createUser("Ana!", PASSWORD, Role.VIEWER, admin))
        .hasMessageContaining("name");
    assertThatThrownBy(() -> accounts.createUser("admin-token", PASSWORD, Role.VIEWER, admin))
        .hasMessageContaining("admin token");
    assertThatThrownBy(() -> accounts.createUser("bo", "short".toCharArray(), Role.VIEWER, admin))
        .hasMessageContaining("password");
    assertThatThrownBy(() -> accounts.createUser("ana", PASSWORD, Role.ADMIN, admin))
        .isInstanceOf(AccessException.class)
        .extracting(e -> ((AccessException) e).kind())
        .isEqualTo(AccessException.Kind.CONFLICT);
  }

  @Test
  void auditsUserAndTokenChangesWithTheirActor() {
    accounts.createUser("ana", PASSWORD, Role.OPERATOR, admin);
    Caller ana = new Caller(login("ana").principal(), "10.0.0.1", "curl");
    accounts.createToken("ci", Optional.empty(), ana);

    var trail =
        accounts.audit(new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(), 0, 10));

    assertThat(trail)
        .extracting(r -> r.entry().actor() + " " + r.entry().action())
        .containsExactly("admin-token user.create:operator", "ana login", "ana token.create");
    assertThat(trail.get(2).entry().address()).isEqualTo("10.0.0.1");
  }
}
