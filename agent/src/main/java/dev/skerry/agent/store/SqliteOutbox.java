package dev.skerry.agent.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongFunction;

/**
 * {@link Outbox} in {@code agent.db}'s {@code outbox}, its sequence and drop counters in {@code
 * meta}. {@link SqliteEventLog} queues events through {@link #makeRoom} and {@link #insert} inside
 * its own transaction.
 */
final class SqliteOutbox implements Outbox {
  private final SqliteWriter db;
  private final Clock clock;
  private final int maxOutbox;

  SqliteOutbox(SqliteWriter db, Clock clock, int maxOutbox) {
    this.db = db;
    this.clock = clock;
    this.maxOutbox = maxOutbox;
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
            makeRoom(c, maxOutbox);
          }
          long seq = Meta.increment(c, "outbox_seq");
          Instant now = clock.instant();
          byte[] bytes = payload.apply(seq);
          insert(c, new OutboxEntry(seq, kind, bytes, now));
          return new OutboxEntry(seq, kind, bytes, now);
        });
  }

  /** Drops the oldest entries until one more fits, counting them. Writer thread. */
  static void makeRoom(Connection c, int maxOutbox) throws SQLException {
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
    Meta.add(c, "outbox_dropped", victims.size());
    if (through > Meta.get(c, "events_dropped_through")) {
      Meta.set(c, "events_dropped_through", through);
    }
  }

  /** Writer thread. */
  static void insert(Connection c, OutboxEntry e) throws SQLException {
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
    return db.read(c -> Meta.get(c, "outbox_dropped"));
  }

  @Override
  public long eventsDroppedThrough() {
    return db.read(c -> Meta.get(c, "events_dropped_through"));
  }
}
