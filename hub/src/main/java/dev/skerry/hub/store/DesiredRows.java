package dev.skerry.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The {@code device_desired} table: each device's composed desired document. */
final class DesiredRows {
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
                  SqlRows.instant(rs.getString(5))));
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
      ps.setString(5, SqlRows.text(d.issuedAt()));
      ps.executeUpdate();
    }
    return null;
  }
}
