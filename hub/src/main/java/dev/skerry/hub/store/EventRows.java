package dev.skerry.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The {@code device_events} table and each device's {@code event_cursors} row. */
final class EventRows {
  /** Inserts the event unless stored already; true if inserted. */
  boolean insertEvent(Connection c, DeviceEvent e) throws SQLException {
    String sql =
        "INSERT INTO device_events (device_id, seq, at, workload, kind, message, received_at)"
            + " VALUES (?,?,?,?,?,?,?) ON CONFLICT (device_id, seq) DO NOTHING";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, e.deviceId());
      ps.setLong(2, e.seq());
      ps.setString(3, e.at() == null ? SqlRows.text(e.receivedAt()) : SqlRows.text(e.at()));
      ps.setString(4, e.workload());
      ps.setString(5, e.kind());
      ps.setString(6, e.message());
      ps.setString(7, SqlRows.text(e.receivedAt()));
      return ps.executeUpdate() == 1;
    }
  }

  /** Moves the device's event cursor as far as the stored events allow; returns contiguous. */
  long advanceEvents(Connection c, String deviceId, long droppedThrough) throws SQLException {
    EventCursor cursor = EventCursor.START;
    try (PreparedStatement ps =
        c.prepareStatement("SELECT contiguous, floor FROM event_cursors WHERE device_id=?")) {
      ps.setString(1, deviceId);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          cursor = new EventCursor(rs.getLong(1), rs.getLong(2));
        }
      }
    }
    EventCursor next = cursor;
    // A window at a time: a replay of thousands of events after an outage advances in steps.
    while (true) {
      long from = Math.max(next.contiguous(), Math.max(next.floor(), droppedThrough));
      List<Long> above = new ArrayList<>();
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT seq FROM device_events WHERE device_id=? AND seq>? ORDER BY seq LIMIT 500")) {
        ps.setString(1, deviceId);
        ps.setLong(2, from);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            above.add(rs.getLong(1));
          }
        }
      }
      EventCursor advanced = next.advance(droppedThrough, above);
      boolean more = above.size() == 500 && advanced.contiguous() == above.get(above.size() - 1);
      next = advanced;
      if (!more) {
        break;
      }
    }
    if (!next.equals(cursor)) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO event_cursors (device_id, contiguous, floor) VALUES (?,?,?)"
                  + " ON CONFLICT (device_id) DO UPDATE SET contiguous=excluded.contiguous,"
                  + " floor=excluded.floor")) {
        ps.setString(1, deviceId);
        ps.setLong(2, next.contiguous());
        ps.setLong(3, next.floor());
        ps.executeUpdate();
      }
    }
    return next.contiguous();
  }

  List<DeviceEvent> events(Connection c, String deviceId, int limit) throws SQLException {
    List<DeviceEvent> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT device_id, seq, at, workload, kind, message, received_at FROM device_events"
                + " WHERE device_id=? ORDER BY seq DESC LIMIT ?")) {
      ps.setString(1, deviceId);
      ps.setInt(2, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new DeviceEvent(
                  rs.getString(1),
                  rs.getLong(2),
                  SqlRows.instant(rs.getString(3)),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6),
                  SqlRows.instant(rs.getString(7))));
        }
      }
    }
    return out;
  }
}
