package dev.skerry.hub.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skerry.core.wire.WireJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The {@code devices} table: registry rows with their labels as JSON. */
final class DeviceRows {
  private static final ObjectMapper JSON = WireJson.mapper();
  private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {};

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
                SqlRows.instant(rs.getString(5)),
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
      ps.setString(5, d.lastSeen() == null ? null : SqlRows.text(d.lastSeen()));
      ps.setString(6, d.agentVersion());
      ps.setLong(7, d.appliedRevision());
      ps.setLong(8, d.reportSeq());
      ps.setLong(9, d.presenceEpoch());
      ps.setString(10, d.lastReportJson());
      ps.executeUpdate();
    }
    return null;
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
}
