package dev.skerry.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code deployments} table (each deployment's current revision) and {@code
 * deployment_revisions} (every revision, kept after a delete).
 */
final class DeploymentRows {
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
                  SqlRows.instant(rs.getString(5)),
                  SqlRows.instant(rs.getString(6)),
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
      ps.setString(5, SqlRows.text(d.updatedAt()));
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
      ps.setString(5, SqlRows.text(d.createdAt()));
      ps.setString(6, SqlRows.text(d.updatedAt()));
      ps.executeUpdate();
    }
    return null;
  }
}
