package dev.skerry.agent.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@link EventLog} in {@code agent.db}'s {@code event_log}. With an {@link EventEncoder} an event
 * and its outbox entry are written in one transaction: both or neither.
 */
final class SqliteEventLog implements EventLog {
  private final SqliteWriter db;
  private final Clock clock;
  private final int maxOutbox;
  private final int maxEvents;
  private final EventEncoder encoder;

  SqliteEventLog(SqliteWriter db, Clock clock, int maxOutbox, int maxEvents, EventEncoder encoder) {
    this.db = db;
    this.clock = clock;
    this.maxOutbox = maxOutbox;
    this.maxEvents = maxEvents;
    this.encoder = encoder;
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
                  Statement.RETURN_GENERATED_KEYS)) {
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
            long eventSeq = Meta.increment(c, "event_seq");
            SqliteOutbox.makeRoom(c, maxOutbox);
            byte[] bytes =
                encoder.encode(
                    new LocalEvent(id, at, workload, kind, message),
                    eventSeq,
                    Meta.get(c, "events_dropped_through"));
            SqliteOutbox.insert(
                c,
                new OutboxEntry(
                    Meta.increment(c, "outbox_seq"), OutboxEntry.EVENT, bytes, at, eventSeq));
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
}
