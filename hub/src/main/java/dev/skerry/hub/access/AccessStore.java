package dev.skerry.hub.access;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Users, their tokens (hashed) and the audit trail: the port; JDBC ({@link JdbcAccessStore}) and
 * in-memory implementations pass the same contract. Every change to users or tokens is written with
 * its audit entry in one transaction.
 */
public interface AccessStore extends AutoCloseable {

  /** A user as stored: never the password, only its {@link PasswordHasher} hash. */
  record UserRecord(String name, Role role, String passwordHash, Instant createdAt) {
    public UserRecord {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(passwordHash, "passwordHash");
      Objects.requireNonNull(createdAt, "createdAt");
    }
  }

  /** What kind of token: a login session or a personal API token. */
  enum TokenKind {
    SESSION,
    PERSONAL
  }

  /** A token as stored: its id (listed, not secret) and the SHA-256 of its secret. */
  record TokenRecord(
      String id,
      String secretHash,
      String user,
      String name,
      TokenKind kind,
      Instant createdAt,
      Optional<Instant> expiresAt) {
    public TokenRecord {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(secretHash, "secretHash");
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(createdAt, "createdAt");
      Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** True once {@code now} reached the expiry. */
    public boolean expired(Instant now) {
      return expiresAt.isPresent() && !now.isBefore(expiresAt.get());
    }
  }

  /**
   * One line of the audit trail (without its id).
   *
   * @param revision the deployment revision the change made; null if it made none
   */
  record AuditEntry(
      Instant at,
      String actor,
      String credential,
      String action,
      String object,
      String address,
      String userAgent,
      Long revision) {
    public AuditEntry {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(credential, "credential");
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(object, "object");
    }

    /** The same entry with the revision the change made. */
    public AuditEntry withRevision(long made) {
      return new AuditEntry(at, actor, credential, action, object, address, userAgent, made);
    }
  }

  /** A stored audit entry with its id, which orders the trail. */
  record AuditRecord(long id, AuditEntry entry) {}

  /**
   * Which audit entries to read: from {@code since} (inclusive, or all), by {@code actor} and
   * {@code object} (exact, or any), with ids above {@code afterId}, at most {@code limit}, oldest
   * first.
   */
  record AuditQuery(
      Optional<Instant> since,
      Optional<String> actor,
      Optional<String> object,
      long afterId,
      int limit) {}

  /** Adds {@code user} and audits it; false (and nothing written) if the name is taken. */
  boolean createUser(UserRecord user, AuditEntry audit);

  Optional<UserRecord> user(String name);

  /** Every user, by name. */
  List<UserRecord> users();

  /** Removes the user and every token of theirs, and audits it; false if there was no such user. */
  boolean deleteUser(String name, AuditEntry audit);

  /** Stores a token and, when {@code audit} is not null, its audit entry. */
  void putToken(TokenRecord token, AuditEntry audit);

  /** The token whose secret has this hash. */
  Optional<TokenRecord> tokenByHash(String secretHash);

  /** The tokens of {@code user} of this kind, oldest first. */
  List<TokenRecord> tokens(String user, TokenKind kind);

  /**
   * Removes the token {@code id} of {@code user} and, when {@code audit} is not null, audits it;
   * false if that user has no such token.
   */
  boolean deleteToken(String id, String user, AuditEntry audit);

  /** Appends an entry for a change that lives elsewhere (another store, a device). */
  void append(AuditEntry entry);

  List<AuditRecord> audit(AuditQuery query);

  @Override
  void close();
}
