package dev.skerry.hub.store;

import dev.skerry.core.concurrent.NamedThreads;
import dev.skerry.core.sql.Migration;
import dev.skerry.core.sql.Migrations;
import dev.skerry.core.sql.SchemaVersion;
import dev.skerry.hub.access.AccessStore.AuditEntry;
import dev.skerry.hub.access.AuditRows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link HubStore} over JDBC with two connections: every write runs on one writer thread with its
 * own connection, in call order and in a transaction; reads share a second connection (one at a
 * time) and do not wait for writes. {@link SqliteHubStore} and {@link PostgresHubStore} open the
 * connections; the SQL ({@link SqlRows}) is the same for both.
 */
abstract class JdbcHubStore implements HubStore {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcHubStore.class);
  private final ExecutorService writer;
  private final Connection writeConnection;
  private final Connection readConnection;
  private final DeviceRows deviceRows = new DeviceRows();
  private final DeploymentRows deploymentRows = new DeploymentRows();
  private final DesiredRows desiredRows = new DesiredRows();
  private final EventRows eventRows = new EventRows();
  private final RolloutRows rolloutRows = new RolloutRows();

  JdbcHubStore(String threadName, Connection writeConnection, Connection readConnection) {
    this.writeConnection = writeConnection;
    this.readConnection = readConnection;
    this.writer = Executors.newSingleThreadExecutor(NamedThreads.factory(threadName, true));
  }

  /**
   * Brings the schema to the newest {@code V<n>__*.sql} in {@code folder} (one per dialect, so the
   * SQLite and PostgreSQL schemas can grow at their own pace); refuses a newer database.
   */
  static void migrate(Connection connection, Class<?> owner, String folder) throws SQLException {
    for (Migration m :
        Migrations.discover(owner, folder).apply(connection, SchemaVersion.table())) {
      LOG.info("Database schema migrated to version {} ({})", m.version(), m.fileName());
    }
  }

  @Override
  public List<DeviceRecord> devices() {
    return read(c -> deviceRows.devices(c, null));
  }

  @Override
  public Optional<DeviceRecord> device(String id) {
    return read(c -> deviceRows.devices(c, id).stream().findFirst());
  }

  @Override
  public List<DeviceRecord> devicesAfter(String afterId, int limit) {
    return read(c -> deviceRows.devicesAfter(c, afterId, limit));
  }

  @Override
  public void putDevice(DeviceRecord d, AuditEntry audit) {
    write(
        c -> {
          deviceRows.upsertDevice(c, d);
          audit(c, audit);
          return null;
        });
  }

  @Override
  public List<DeploymentRecord> deployments() {
    return read(c -> deploymentRows.deployments(c, null));
  }

  @Override
  public Optional<DeploymentRecord> deployment(String name) {
    return read(c -> deploymentRows.deployments(c, name).stream().findFirst());
  }

  @Override
  public long latestRevision(String name) {
    return read(c -> deploymentRows.latestRevision(c, name));
  }

  @Override
  public void putDeployment(DeploymentRecord d, AuditEntry audit) {
    write(
        c -> {
          deploymentRows.insertDeployment(c, d);
          audit(c, audit);
          return null;
        });
  }

  @Override
  public boolean deleteDeployment(String name, AuditEntry audit) {
    return write(
        c -> {
          rolloutRows.deleteRollout(c, name);
          try (PreparedStatement ps = c.prepareStatement("DELETE FROM deployments WHERE name=?")) {
            ps.setString(1, name);
            boolean deleted = ps.executeUpdate() > 0;
            if (deleted) {
              audit(c, audit);
            }
            return deleted;
          }
        });
  }

  private static void audit(Connection c, AuditEntry audit) throws SQLException {
    if (audit != null) {
      AuditRows.insert(c, audit);
    }
  }

  @Override
  public List<DeploymentRecord> history(String name) {
    return read(c -> deploymentRows.history(c, name));
  }

  @Override
  public List<DesiredRecord> desired() {
    return read(c -> desiredRows.desired(c, null));
  }

  @Override
  public Optional<DesiredRecord> desired(String deviceId) {
    return read(c -> desiredRows.desired(c, deviceId).stream().findFirst());
  }

  @Override
  public void putDesired(DesiredRecord d) {
    write(c -> desiredRows.upsertDesired(c, d));
  }

  @Override
  public List<RolloutRecord> rollouts() {
    return read(c -> rolloutRows.rollouts(c, null));
  }

  @Override
  public Optional<RolloutRecord> rollout(String name) {
    return read(c -> rolloutRows.rollouts(c, name).stream().findFirst());
  }

  @Override
  public List<RolloutDeviceRecord> rolloutDevices(String name) {
    return read(c -> rolloutRows.devices(c, name));
  }

  @Override
  public List<RolloutEventRecord> rolloutEvents(String name, int limit) {
    return read(c -> rolloutRows.events(c, name, limit));
  }

  @Override
  public void applyRollout(RolloutChange change) {
    write(
        c -> {
          rolloutRows.upsertRollout(c, change.rollout());
          if (change.clearDevices()) {
            rolloutRows.clearDevices(c, change.rollout().name());
          }
          rolloutRows.upsertDevices(c, change.devices());
          for (RolloutEventRecord e : change.events()) {
            rolloutRows.insertEvent(c, e);
          }
          return null;
        });
  }

  @Override
  public EventReceipt recordEvent(DeviceEvent event, long droppedThrough) {
    return write(
        c -> {
          boolean stored = eventRows.insertEvent(c, event);
          return new EventReceipt(
              stored, eventRows.advanceEvents(c, event.deviceId(), droppedThrough));
        });
  }

  @Override
  public long skipEventsThrough(String deviceId, long droppedThrough) {
    return write(c -> eventRows.advanceEvents(c, deviceId, droppedThrough));
  }

  @Override
  public List<DeviceEvent> events(String deviceId, int limit) {
    return read(c -> eventRows.events(c, deviceId, limit));
  }

  @Override
  public final void close() {
    writer.shutdown();
    try {
      writer.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      writeConnection.close();
      synchronized (readConnection) {
        readConnection.close();
      }
    } catch (SQLException e) {
      throw new StoreException("closing the database failed", false, e);
    }
  }

  private <T> T read(SqlRows.Work<T> work) {
    synchronized (readConnection) {
      try {
        return work.run(readConnection);
      } catch (SQLException e) {
        throw SqlRows.translate(e);
      }
    }
  }

  /** Runs {@code work} in a transaction on the writer thread and waits for it. */
  private <T> T write(SqlRows.Work<T> work) {
    try {
      return writer.submit(() -> SqlRows.inTransaction(writeConnection, work)).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while writing", true, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof StoreException se) {
        throw se;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new StoreException("write failed: " + e.getCause(), false, e.getCause());
    }
  }
}
