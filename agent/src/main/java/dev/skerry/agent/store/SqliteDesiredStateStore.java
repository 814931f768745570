package dev.skerry.agent.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** {@link DesiredStateStore} in {@code agent.db}'s {@code desired_document} (one row). */
final class SqliteDesiredStateStore implements DesiredStateStore {
  private final SqliteWriter db;
  private final Clock clock;

  SqliteDesiredStateStore(SqliteWriter db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public Optional<StoredDesired> desired() {
    return db.read(
        c -> {
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT revision, document, stored_at FROM desired_document WHERE id = 1");
              ResultSet rs = ps.executeQuery()) {
            return rs.next()
                ? Optional.of(
                    new StoredDesired(
                        rs.getLong(1), rs.getBytes(2), Instant.parse(rs.getString(3))))
                : Optional.empty();
          }
        });
  }

  /** An unsigned document: stored with no signature, as the in-memory store does. */
  @Override
  public CompletableFuture<Boolean> replaceDesired(long revision, byte[] document) {
    return replaceSignedDesired(revision, document, null);
  }

  @Override
  public CompletableFuture<Boolean> replaceSignedDesired(
      long revision, byte[] document, String signature) {
    byte[] copy = document.clone();
    return db.write(
        c -> {
          // One statement: the row holds revision, bytes and signature together, so a reader
          // (or a crash) sees the old document or the new one, never a mix.
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO desired_document (id, revision, document, stored_at, signature)"
                      + " VALUES (1, ?, ?, ?, ?)"
                      + " ON CONFLICT (id) DO UPDATE SET revision = excluded.revision,"
                      + " document = excluded.document, stored_at = excluded.stored_at,"
                      + " signature = excluded.signature"
                      + " WHERE excluded.revision > desired_document.revision")) {
            ps.setLong(1, revision);
            ps.setBytes(2, copy);
            ps.setString(3, clock.instant().toString());
            ps.setString(4, signature);
            return ps.executeUpdate() == 1;
          }
        });
  }

  @Override
  public Optional<String> desiredSignature() {
    return db.read(
        c -> {
          try (PreparedStatement ps =
                  c.prepareStatement("SELECT signature FROM desired_document WHERE id = 1");
              ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
          }
        });
  }
}
