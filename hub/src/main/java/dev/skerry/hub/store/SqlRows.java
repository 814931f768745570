package dev.skerry.hub.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skerry.core.wire.WireJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The SQL of the hub store: plain statements that SQLite and PostgreSQL both understand. */
final class SqlRows {
  private static final ObjectMapper JSON = WireJson.mapper();
  private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {};

  /** A unit of JDBC work. */
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  static <T> T inTransaction(Connection c, Work<T> work) {
    try {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw translate(e);
    }
  }

  static StoreException translate(SQLException e) {
    String message = String.valueOf(e.getMessage());
    String state = String.valueOf(e.getSQLState());
    // SQLite: busy or locked; PostgreSQL: connection lost (08...), serialization failure, deadlock.
    boolean retryable =
        message.contains("SQLITE_BUSY")
            || message.contains("SQLITE_LOCKED")
            || state.startsWith("08")
            || state.equals("40001")
            || state.equals("40P01");
    return new StoreException("database: " + message, retryable, e);
  }

  private static final String DEVICE_COLUMNS =
      "SELECT id, reported_labels, operator_labels, online, last_seen, agent_version,"
          + " applied_revision, report_seq, presence_epoch, last_report FROM devices";

  List<DeviceRecord> devices(Connection c, String id) throws SQLException {
    String sql = DEVICE_COLUMNS + (id == null ? "" : " WHERE id=?") + " ORDER BY id";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      if (id != null) {
        ps.setString(1, id);
      }
      return deviceRows(ps);
    }
  }

  List<DeviceRecord> devicesAfter(Connection c, String afterId, int limit) throws SQLException {
    String sql = DEVICE_COLUMNS + (afterId == null ? "" : " WHERE id > ?") + " ORDER BY id LIMIT ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      if (afterId != null) {
        ps.setString(i++, afterId);
      }
      ps.setInt(i, limit);
      return deviceRows(ps);
    }
  }

  private static List<DeviceRecord> deviceRows(PreparedStatement ps) throws SQLException {
    List<DeviceRecord> result = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        result.add(
            new DeviceRecord(
                rs.getString(1),
                labels(rs.getString(2)),
                labels(rs.getString(3)),
                rs.getBoolean(4),
                instant(rs.getString(5)),
                rs.getString(6),
                rs.getLong(7),
                rs.getLong(8),
                rs.getLong(9),
                rs.getString(10)));
      }
    }
    return result;
  }

  Void upsertDevice(Connection c, DeviceRecord d) throws SQLException {
    String sql =
        "INSERT INTO devices (id, reported_labels, operator_labels, online, last_seen,"
            + " agent_version, applied_revision, report_seq, presence_epoch, last_report)"
            + " VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT (id) DO UPDATE SET"
            + " reported_labels=excluded.reported_labels, operator_labels=excluded.operator_labels,"
            + " online=excluded.online, last_seen=excluded.last_seen,"
            + " agent_version=excluded.agent_version, applied_revision=excluded.applied_revision,"
            + " report_seq=excluded.report_seq, presence_epoch=excluded.presence_epoch,"
            + " last_report=excluded.last_report";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, d.id());
      ps.setString(2, json(d.reportedLabels()));
      ps.setString(3, json(d.operatorLabels()));
      ps.setBoolean(4, d.online());
      ps.setString(5, d.lastSeen() == null ? null : text(d.lastSeen()));
      ps.setString(6, d.agentVersion());
      ps.setLong(7, d.appliedRevision());
      ps.setLong(8, d.reportSeq());
      ps.setLong(9, d.presenceEpoch());
      ps.setString(10, d.lastReportJson());
      ps.executeUpdate();
    }
    return null;
  }

  List<DeploymentRecord> deployments(Connection c, String name) throws SQLException {
    String sql =
        "SELECT name, revision, spec, content_hash, created_at, updated_at, NULL FROM deployments"
            + (name == null ? "" : " WHERE name=?")
            + " ORDER BY created_at, name";
    return deploymentRows(c, sql, name);
  }

  List<DeploymentRecord> history(Connection c, String name) throws SQLException {
    String sql =
        "SELECT r.name, r.revision, r.spec, r.content_hash,"
            + " (SELECT MIN(f.created_at) FROM deployment_revisions f WHERE f.name=r.name),"
            + " r.created_at, r.applied_by FROM deployment_revisions r WHERE r.name=?"
            + " ORDER BY r.revision";
    return deploymentRows(c, sql, name);
  }

  private static List<DeploymentRecord> deploymentRows(Connection c, String sql, String name)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      if (name != null) {
        ps.setString(1, name);
      }
      List<DeploymentRecord> result = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          result.add(
              new DeploymentRecord(
                  rs.getString(1),
                  rs.getLong(2),
                  rs.getString(3),
                  rs.getString(4),
                  instant(rs.getString(5)),
                  instant(rs.getString(6)),
                  rs.getString(7)));
        }
      }
      return result;
    }
  }

  long latestRevision(Connection c, String name) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT MAX(revision) FROM deployment_revisions WHERE name=?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  Void insertDeployment(Connection c, DeploymentRecord d) throws SQLException {
    if (d.revision() <= latestRevision(c, d.name())) {
      throw new StoreException("deployment " + d.name() + " revision " + d.revision() + " exists");
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO deployment_revisions"
                + " (name, revision, spec, content_hash, created_at, applied_by)"
                + " VALUES (?,?,?,?,?,?)")) {
      ps.setString(1, d.name());
      ps.setLong(2, d.revision());
      ps.setString(3, d.specJson());
      ps.setString(4, d.contentHash());
      ps.setString(5, text(d.updatedAt()));
      ps.setString(6, d.appliedBy());
      ps.executeUpdate();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO deployments (name, revision, spec, content_hash, created_at, updated_at)"
                + " VALUES (?,?,?,?,?,?) ON CONFLICT (name) DO UPDATE SET"
                + " revision=excluded.revision, spec=excluded.spec,"
                + " content_hash=excluded.content_hash, updated_at=excluded.updated_at")) {
      ps.setString(1, d.name());
      ps.setLong(2, d.revision());
      ps.setString(3, d.specJson());
      ps.setString(4, d.contentHash());
      ps.setString(5, text(d.createdAt()));
      ps.setString(6, text(d.updatedAt()));
      ps.executeUpdate();
    }
    return null;
  }

  List<DesiredRecord> desired(Connection c, String deviceId) throws SQLException {
    String sql =
        "SELECT device_id, revision, content_hash, document, issued_at FROM device_desired"
            + (deviceId == null ? "" : " WHERE device_id=?")
            + " ORDER BY device_id";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      if (deviceId != null) {
        ps.setString(1, deviceId);
      }
      List<DesiredRecord> result = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          result.add(
              new DesiredRecord(
                  rs.getString(1),
                  rs.getLong(2),
                  rs.getString(3),
                  rs.getString(4),
                  instant(rs.getString(5))));
        }
      }
      return result;
    }
  }

  Void upsertDesired(Connection c, DesiredRecord d) throws SQLException {
    List<DesiredRecord> old = desired(c, d.deviceId());
    if (!old.isEmpty() && d.revision() <= old.get(0).revision()) {
      throw new StoreException(
          "device " + d.deviceId() + " revision " + d.revision() + " is not newer");
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO device_desired (device_id, revision, content_hash, document, issued_at)"
                + " VALUES (?,?,?,?,?) ON CONFLICT (device_id) DO UPDATE SET"
                + " revision=excluded.revision, content_hash=excluded.content_hash,"
                + " document=excluded.document, issued_at=excluded.issued_at")) {
      ps.setString(1, d.deviceId());
      ps.setLong(2, d.revision());
      ps.setString(3, d.contentHash());
      ps.setString(4, d.documentJson());
      ps.setString(5, text(d.issuedAt()));
      ps.executeUpdate();
    }
    return null;
  }

  /** Inserts the event unless stored already; true if inserted. */
  boolean insertEvent(Connection c, DeviceEvent e) throws SQLException {
    String sql =
        "INSERT INTO device_events (device_id, seq, at, workload, kind, message, received_at)"
            + " VALUES (?,?,?,?,?,?,?) ON CONFLICT (device_id, seq) DO NOTHING";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, e.deviceId());
      ps.setLong(2, e.seq());
      ps.setString(3, e.at() == null ? text(e.receivedAt()) : text(e.at()));
      ps.setString(4, e.workload());
      ps.setString(5, e.kind());
      ps.setString(6, e.message());
      ps.setString(7, text(e.receivedAt()));
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
                  instant(rs.getString(3)),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6),
                  instant(rs.getString(7))));
        }
      }
    }
    return out;
  }

  private static Map<String, String> labels(String json) {
    if (json == null) {
      return Map.of();
    }
    try {
      return JSON.readValue(json, LABELS);
    } catch (JsonProcessingException e) {
      throw new StoreException("stored labels are not JSON: " + json, false, e);
    }
  }

  private static String json(Map<String, String> labels) {
    try {
      return JSON.writeValueAsString(new java.util.TreeMap<>(labels));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  // Fixed width, so that ORDER BY on the text is time order (Instant.toString varies in width).
  private static final java.time.format.DateTimeFormatter INSTANT_TEXT =
      java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
          .withZone(java.time.ZoneOffset.UTC);

  static String text(Instant instant) {
    return INSTANT_TEXT.format(instant);
  }

  private static Instant instant(String text) {
    return text == null ? null : Instant.parse(text);
  }
}
