package dev.skerry.agent.store;

import dev.skerry.agent.reconcile.WorkloadHistory;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** {@link WorkloadHistoryStore} in {@code agent.db}'s {@code workload_observation}. */
final class SqliteWorkloadHistoryStore implements WorkloadHistoryStore {
  private final SqliteWriter db;

  SqliteWorkloadHistoryStore(SqliteWriter db) {
    this.db = db;
  }

  @Override
  public Map<String, WorkloadHistory> workloadHistories() {
    return db.read(
        c -> {
          Map<String, WorkloadHistory> out = new HashMap<>();
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT workload, restarts, backoff_streak, last_started_at,"
                          + " last_exit_code, last_exit_at, image_digest FROM workload_observation");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              Integer exit = rs.getObject(5) == null ? null : rs.getInt(5);
              out.put(
                  rs.getString(1),
                  new WorkloadHistory(
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
  public CompletableFuture<Void> saveWorkloadHistory(WorkloadHistory r) {
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
  public CompletableFuture<Void> deleteWorkloadHistory(String workload) {
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

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  private static Instant instant(String text) {
    return text == null ? null : Instant.parse(text);
  }
}
