package dev.skerry.hub.access;

import dev.skerry.hub.access.AccessStore.AuditEntry;
import dev.skerry.hub.access.AccessStore.AuditQuery;
import dev.skerry.hub.access.AccessStore.AuditRecord;
import dev.skerry.hub.access.AccessStore.TokenKind;
import dev.skerry.hub.access.AccessStore.TokenRecord;
import dev.skerry.hub.access.AccessStore.UserRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Users, logins and tokens: who a credential belongs to, and the changes to users and tokens, each
 * audited. Runs on the caller's thread (it hits the store and hashes passwords: never a Vert.x
 * event loop).
 */
public final class Accounts {
  /** How long a login session lasts. */
  public static final Duration SESSION_LIFE = Duration.ofHours(12);

  private final AccessStore store;
  private final PasswordHasher hasher;
  private final LoginThrottle throttle;
  private final Predicate<String> adminToken;
  private final Clock clock;
  // Verified against when the user does not exist, so both cases take as long; made on first use
  // (a hash costs as much as a login, and the hub should not pay it at every start).
  private volatile String decoy;

  /**
   * @param adminToken true for the admin token file's secret (compared in constant time)
   */
  public Accounts(
      AccessStore store,
      PasswordHasher hasher,
      LoginThrottle throttle,
      Predicate<String> adminToken,
      Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.hasher = Objects.requireNonNull(hasher, "hasher");
    this.throttle = Objects.requireNonNull(throttle, "throttle");
    this.adminToken = Objects.requireNonNull(adminToken, "adminToken");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The principal a bearer secret (or session cookie) stands for; empty if none. */
  public Optional<Principal> authenticate(String secret) {
    if (secret == null || secret.isEmpty()) {
      return Optional.empty();
    }
    if (adminToken.test(secret)) {
      return Optional.of(Principal.adminToken());
    }
    if (!secret.startsWith(TokenSecrets.PREFIX)) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    return store
        .tokenByHash(TokenSecrets.hash(secret))
        .filter(t -> !t.expired(now))
        .flatMap(
            t ->
                store
                    .user(t.user())
                    .map(
                        u ->
                            new Principal(
                                u.name(),
                                u.role(),
                                t.kind() == TokenKind.SESSION ? "session" : "token:" + t.name())));
  }

  /** Adds a user with a hashed password. */
  public UserRecord createUser(String name, char[] password, Role role, Caller caller) {
    AccessRules.checkUserName(name);
    AccessRules.checkPassword(password);
    Objects.requireNonNull(role, "role");
    Instant now = now();
    UserRecord user = new UserRecord(name, role, hasher.hash(password), now);
    if (!store.createUser(
        user, caller.entry("user.create:" + role.wireName(), "user/" + name, now))) {
      throw new AccessException(AccessException.Kind.CONFLICT, "user '" + name + "' exists");
    }
    return user;
  }

  /** Removes a user; their sessions and tokens stop working at once. */
  public void deleteUser(String name, Caller caller) {
    if (!store.deleteUser(name, caller.entry("user.delete", "user/" + name, now()))) {
      throw new AccessException(
          AccessException.Kind.NOT_FOUND, "user '" + name + "' does not exist");
    }
  }

  public List<UserRecord> users() {
    return store.users();
  }

  /** What a login attempt came to. */
  public sealed interface Login {}

  /** Logged in: the session's secret (shown once) and its expiry. */
  public record LoggedIn(String secret, Instant expiresAt, Principal principal) implements Login {}

  /** Wrong name or password (which, is not said). */
  public record Refused() implements Login {}

  /** Too many failures for this user or address: try again after {@code retryAfter}. */
  public record Throttled(Duration retryAfter) implements Login {}

  /** Checks a password and opens a session; throttled per user name and per client address. */
  public Login login(String name, char[] password, String address, String userAgent) {
    Instant now = clock.instant();
    String userKey = "user:" + name;
    String addressKey = "address:" + address;
    Optional<Duration> wait =
        max(throttle.waitFor(userKey, now), throttle.waitFor(addressKey, now));
    if (wait.isPresent()) {
      return new Throttled(wait.get());
    }
    Optional<UserRecord> user = name == null ? Optional.empty() : store.user(name);
    boolean good =
        hasher.verify(password, user.map(UserRecord::passwordHash).orElseGet(this::decoy))
            && user.isPresent();
    if (!good) {
      // The wait starts when the (slow) check ended, not when the attempt came in.
      Instant failedAt = clock.instant();
      throttle.failed(userKey, failedAt);
      throttle.failed(addressKey, failedAt);
      return new Refused();
    }
    throttle.succeeded(userKey);
    throttle.succeeded(addressKey);
    Principal principal = new Principal(name, user.get().role(), "session");
    String secret = TokenSecrets.newSecret();
    Instant expires = now().plus(SESSION_LIFE);
    store.putToken(
        new TokenRecord(
            TokenSecrets.newId(),
            TokenSecrets.hash(secret),
            name,
            "session",
            TokenKind.SESSION,
            now(),
            Optional.of(expires)),
        new Caller(principal, address, userAgent).entry("login", "user/" + name, now()));
    return new LoggedIn(secret, expires, principal);
  }

  private String decoy() {
    String d = decoy;
    if (d == null) {
      d = hasher.hash("not a password of anyone".toCharArray());
      decoy = d;
    }
    return d;
  }

  /** Ends the session of {@code secret}; nothing happens for any other credential. */
  public void logout(String secret, Caller caller) {
    if (secret == null || !secret.startsWith(TokenSecrets.PREFIX)) {
      return;
    }
    store
        .tokenByHash(TokenSecrets.hash(secret))
        .filter(t -> t.kind() == TokenKind.SESSION)
        .ifPresent(
            t ->
                store.deleteToken(
                    t.id(), t.user(), caller.entry("logout", "user/" + t.user(), now())));
  }

  /** A personal token, made: its secret is in this answer only. */
  public record CreatedToken(TokenRecord token, String secret) {}

  /** Makes a personal API token for the calling user; it carries their role. */
  public CreatedToken createToken(String name, Optional<Instant> expiresAt, Caller caller) {
    String user = userOf(caller);
    AccessRules.checkTokenName(name);
    Instant now = now();
    if (expiresAt.isPresent() && !expiresAt.get().isAfter(now)) {
      throw new AccessException(AccessException.Kind.INVALID, "expiresAt: must be in the future");
    }
    String secret = TokenSecrets.newSecret();
    TokenRecord token =
        new TokenRecord(
            TokenSecrets.newId(),
            TokenSecrets.hash(secret),
            user,
            name,
            TokenKind.PERSONAL,
            now,
            expiresAt.map(e -> e.truncatedTo(ChronoUnit.MILLIS)));
    store.putToken(token, caller.entry("token.create", "token/" + user + "/" + token.id(), now));
    return new CreatedToken(token, secret);
  }

  /** The calling user's personal tokens (no secrets: the store has none). */
  public List<TokenRecord> tokens(Caller caller) {
    return store.tokens(userOf(caller), TokenKind.PERSONAL);
  }

  /** Deletes one of the calling user's personal tokens. */
  public void deleteToken(String id, Caller caller) {
    String user = userOf(caller);
    boolean personal =
        store.tokens(user, TokenKind.PERSONAL).stream().anyMatch(t -> t.id().equals(id));
    if (!personal
        || !store.deleteToken(
            id, user, caller.entry("token.delete", "token/" + user + "/" + id, now()))) {
      throw new AccessException(AccessException.Kind.NOT_FOUND, "you have no token '" + id + "'");
    }
  }

  /** Records a change made elsewhere. */
  public void audit(AuditEntry entry) {
    store.append(entry);
  }

  public List<AuditRecord> audit(AuditQuery query) {
    return store.audit(query);
  }

  /** Now, to the millisecond the store keeps. */
  public Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private static String userOf(Caller caller) {
    if (caller.principal().isAdminToken()) {
      throw new AccessException(
          AccessException.Kind.INVALID,
          "the admin token file is no user; log in as a user (skerry-hub create-admin makes one)");
    }
    return caller.principal().user();
  }

  private static Optional<Duration> max(Optional<Duration> a, Optional<Duration> b) {
    if (a.isEmpty()) {
      return b;
    }
    if (b.isEmpty()) {
      return a;
    }
    return Optional.of(a.get().compareTo(b.get()) >= 0 ? a.get() : b.get());
  }
}
