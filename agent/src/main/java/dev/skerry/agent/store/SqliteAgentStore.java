package dev.skerry.agent.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongFunction;

/**
 * {@link AgentStore} in SQLite ({@code <data-dir>/agent.db}): WAL, {@code synchronous=FULL} (a
 * stored desired document survives a power cut), foreign keys on.
 *
 * <p>One connection, used only by one thread ({@code skerry-store}): every write is ordered behind
 * the previous one, and reads never see a half-applied write.
 */
public final class SqliteAgentStore implements AgentStore {
  public static final String FILE_NAME = "agent.db";
  public static final int DEFAULT_MAX_OUTBOX = 1000;
  public static final int DEFAULT_MAX_EVENTS = 500;

  private final SqliteWriter db;
  private final Clock clock;
  private final int maxOutbox;
  private final int maxEvents;
  private final EventEncoder encoder;

  private SqliteAgentStore(
      SqliteWriter db, Clock clock, int maxOutbox, int maxEvents, EventEncoder encoder) {
    this.db = db;
    this.clock = clock;
    this.maxOutbox = maxOutbox;
    this.maxEvents = maxEvents;
    this.encoder = encoder;
  }

  /** Opens (creating and migrating if needed) {@code dataDir/agent.db}. */
  public static SqliteAgentStore open(Path dataDir) {
    return open(dataDir, Clock.systemUTC(), DEFAULT_MAX_OUTBOX, DEFAULT_MAX_EVENTS);
  }

  public static SqliteAgentStore open(Path dataDir, Clock clock, int maxOutbox, int maxEvents) {
    return open(dataDir, clock, maxOutbox, maxEvents, null);
  }

  /**
   * Opens the store; with an {@code encoder} (null: none) every logged event also enters the
   * outbox.
   */
  public static SqliteAgentStore open(
      Path dataDir, Clock clock, int maxOutbox, int maxEvents, EventEncoder encoder) {
    return new SqliteAgentStore(
        SqliteWriter.open(dataDir.resolve(FILE_NAME)), clock, maxOutbox, maxEvents, encoder);
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

  @Override
  public CompletableFuture<Boolean> replaceDesired(long revision, byte[] document) {
    byte[] copy = document.clone();
    return db.write(
        c -> {
          // One statement: the row holds revision and bytes together, so a reader (or a crash)
          // sees the old document or the new one, never a mix.
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO desired_document (id, revision, document, stored_at)"
                      + " VALUES (1, ?, ?, ?)"
                      + " ON CONFLICT (id) DO UPDATE SET revision = excluded.revision,"
                      + " document = excluded.document, stored_at = excluded.stored_at"
                      + " WHERE excluded.revision > desired_document.revision")) {
            ps.setLong(1, revision);
            ps.setBytes(2, copy);
            ps.setString(3, clock.instant().toString());
            return ps.executeUpdate() == 1;
          }
        });
  }

  @Override
  public CompletableFuture<Boolean> replaceSignedDesired(
      long revision, byte[] document, String signature) {
    byte[] copy = document.clone();
    return db.write(
        c -> {
          // As replaceDesired, with the signature in the same row and statement.
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

  @Override
  public CompletableFuture<Long> nextPresenceEpoch() {
    return db.write(c -> incrementMeta(c, "presence_epoch"));
  }

  @Override
  public Map<String, WorkloadRecord> workloadRecords() {
    return db.read(
        c -> {
          Map<String, WorkloadRecord> out = new HashMap<>();
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT workload, restarts, backoff_streak, last_started_at,"
                          + " last_exit_code, last_exit_at, image_digest FROM workload_observation");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              Integer exit = rs.getObject(5) == null ? null : rs.getInt(5);
              out.put(
                  rs.getString(1),
                  new WorkloadRecord(
                      rs.getString(1),
                      rs.getInt(2),
                      rs.getInt(3),
                      instant(rs.getString(4)),
                      exit,
                      instant(rs.getString(6)),
                      rs.getString(7)));
            }
          }
          return Map.copyOf(out);
        });
  }

  @Override
  public CompletableFuture<Void> saveWorkloadRecord(WorkloadRecord r) {
    return db.write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT OR REPLACE INTO workload_observation (workload, restarts, backoff_streak,"
                      + " last_started_at, last_exit_code, last_exit_at, image_digest)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, r.workload());
            ps.setInt(2, r.restarts());
            ps.setInt(3, r.backoffStreak());
            ps.setString(4, text(r.lastStartedAt()));
            if (r.lastExitCode() == null) {
              ps.setNull(5, Types.INTEGER);
            } else {
              ps.setInt(5, r.lastExitCode());
            }
            ps.setString(6, text(r.lastExitAt()));
            ps.setString(7, r.imageDigest());
            ps.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public CompletableFuture<Void> deleteWorkloadRecord(String workload) {
    return db.write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM workload_observation WHERE workload = ?")) {
            ps.setString(1, workload);
            ps.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public Optional<LastKnownGood> lastKnownGood(String workload) {
    return Optional.ofNullable(
        db.read(c -> RollbackTables.lastKnownGoods(c, workload)).get(workload));
  }

  @Override
  public Map<String, LastKnownGood> lastKnownGoods() {
    return db.read(c -> RollbackTables.lastKnownGoods(c, null));
  }

  @Override
  public CompletableFuture<Void> saveLastKnownGood(LastKnownGood good) {
    return db.write(
        c -> {
          RollbackTables.saveLastKnownGood(c, good);
          return null;
        });
  }

  @Override
  public Map<String, RolloutAttempt> rolloutAttempts() {
    return db.read(RollbackTables::rolloutAttempts);
  }

  @Override
  public CompletableFuture<Void> saveRolloutAttempt(RolloutAttempt attempt) {
    return db.write(
        c -> {
          RollbackTables.saveRolloutAttempt(c, attempt);
          return null;
        });
  }

  @Override
  public CompletableFuture<Void> deleteRolloutAttempt(String workload) {
    return db.write(
        c -> {
          RollbackTables.deleteRolloutAttempt(c, workload);
          return null;
        });
  }

  @Override
  public CompletableFuture<OutboxEntry> appendOutbox(
      String kind, boolean replacePending, LongFunction<byte[]> payload) {
    return db.write(
        c -> {
          if (replacePending) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM outbox WHERE kind = ?")) {
              ps.setString(1, kind);
              ps.executeUpdate();
            }
          }
          if (!replacePending) {
            // A coalescing kind holds one entry at most; it never pushes out an event.
            makeRoom(c);
          }
          long seq = incrementMeta(c, "outbox_seq");
          Instant now = clock.instant();
          byte[] bytes = payload.apply(seq);
          insertOutbox(c, new OutboxEntry(seq, kind, bytes, now));
          return new OutboxEntry(seq, kind, bytes, now);
        });
  }

  /** Drops the oldest entries until one more fits, counting them. Writer thread. */
  private void makeRoom(Connection c) throws SQLException {
    List<long[]> victims = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT seq, coalesce(event_seq, 0) FROM outbox ORDER BY seq"
                + " LIMIT max(0, (SELECT count(*) FROM outbox) - ?)")) {
      ps.setInt(1, maxOutbox - 1);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          victims.add(new long[] {rs.getLong(1), rs.getLong(2)});
        }
      }
    }
    if (victims.isEmpty()) {
      return;
    }
    long through = 0;
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM outbox WHERE seq = ?")) {
      for (long[] v : victims) {
        ps.setLong(1, v[0]);
        ps.executeUpdate();
        through = Math.max(through, v[1]);
      }
    }
    addMeta(c, "outbox_dropped", victims.size());
    if (through > meta(c, "events_dropped_through")) {
      setMeta(c, "events_dropped_through", through);
    }
  }

  private static void insertOutbox(Connection c, OutboxEntry e) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO outbox (seq, kind, payload, created_at, event_seq)"
                + " VALUES (?, ?, ?, ?, ?)")) {
      ps.setLong(1, e.seq());
      ps.setString(2, e.kind());
      ps.setBytes(3, e.payload());
      ps.setString(4, e.createdAt().toString());
      if (e.isEvent()) {
        ps.setLong(5, e.eventSeq());
      } else {
        ps.setNull(5, Types.INTEGER);
      }
      ps.executeUpdate();
    }
  }

  @Override
  public List<OutboxEntry> pendingOutbox(int limit) {
    return db.read(
        c -> {
          List<OutboxEntry> out = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT seq, kind, payload, created_at, coalesce(event_seq, 0) FROM outbox"
                      + " ORDER BY seq LIMIT ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new OutboxEntry(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getBytes(3),
                        Instant.parse(rs.getString(4)),
                        rs.getLong(5)));
              }
            }
          }
          return List.copyOf(out);
        });
  }

  @Override
  public CompletableFuture<Void> ackOutbox(long seq) {
    return db.write(
        c -> {
          try (PreparedStatement ps = c.prepareStatement("DELETE FROM outbox WHERE seq = ?")) {
            ps.setLong(1, seq);
            ps.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public CompletableFuture<Integer> ackEventsThrough(long eventSeq) {
    return db.write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "DELETE FROM outbox WHERE event_seq IS NOT NULL AND event_seq <= ?")) {
            ps.setLong(1, eventSeq);
            return ps.executeUpdate();
          }
        });
  }

  @Override
  public long outboxPending() {
    return db.read(
        c -> {
          try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM outbox");
              ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
          }
        });
  }

  @Override
  public long outboxDropped() {
    return db.read(c -> meta(c, "outbox_dropped"));
  }

  @Override
  public long eventsDroppedThrough() {
    return db.read(c -> meta(c, "events_dropped_through"));
  }

  @Override
  public CompletableFuture<Void> logEvent(String workload, String kind, String message) {
    return db.write(
        c -> {
          Instant at = clock.instant();
          long id;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO event_log (at, workload, kind, message) VALUES (?, ?, ?, ?)",
                  java.sql.Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, at.toString());
            ps.setString(2, workload);
            ps.setString(3, kind);
            ps.setString(4, message);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
              id = keys.next() ? keys.getLong(1) : 0;
            }
          }
          if (encoder != null) {
            long eventSeq = incrementMeta(c, "event_seq");
            makeRoom(c);
            byte[] bytes =
                encoder.encode(
                    new LocalEvent(id, at, workload, kind, message),
                    eventSeq,
                    meta(c, "events_dropped_through"));
            insertOutbox(
                c,
                new OutboxEntry(
                    incrementMeta(c, "outbox_seq"), OutboxEntry.EVENT, bytes, at, eventSeq));
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "DELETE FROM event_log WHERE id <= (SELECT max(id) FROM event_log) - ?")) {
            ps.setInt(1, maxEvents);
            ps.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public List<LocalEvent> recentEvents(int limit) {
    return db.read(
        c -> {
          List<LocalEvent> out = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT id, at, workload, kind, message FROM event_log ORDER BY id DESC"
                      + " LIMIT ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new LocalEvent(
                        rs.getLong(1),
                        Instant.parse(rs.getString(2)),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5)));
              }
            }
          }
          return List.copyOf(out);
        });
  }

  @Override
  public void close() {
    db.close();
  }

  private static long incrementMeta(Connection c, String key) throws SQLException {
    addMeta(c, key, 1);
    return meta(c, key);
  }

  private static void addMeta(Connection c, String key, long delta) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO meta (key, value) VALUES (?, ?)"
                + " ON CONFLICT (key) DO UPDATE SET value = value + excluded.value")) {
      ps.setString(1, key);
      ps.setLong(2, delta);
      ps.executeUpdate();
    }
  }

  private static void setMeta(Connection c, String key, long value) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO meta (key, value) VALUES (?, ?)"
                + " ON CONFLICT (key) DO UPDATE SET value = excluded.value")) {
      ps.setString(1, key);
      ps.setLong(2, value);
      ps.executeUpdate();
    }
  }

  private static long meta(Connection c, String key) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  private static Instant instant(String text) {
    return text == null ? null : Instant.parse(text);
  }
}
