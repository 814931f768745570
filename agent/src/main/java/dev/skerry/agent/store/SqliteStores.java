package dev.skerry.agent.store;

import java.nio.file.Path;
import java.time.Clock;

/**
 * Opens every port over one SQLite file ({@code <data-dir>/agent.db}): one connection, used only by
 * one thread ({@code skerry-store}), so every write of every port is ordered behind the previous
 * one and reads never see a half-applied write. WAL, {@code synchronous=FULL} (a stored desired
 * document survives a power cut), foreign keys on.
 */
public final class SqliteStores {
  public static final String FILE_NAME = "agent.db";
  public static final int DEFAULT_MAX_OUTBOX = 1000;
  public static final int DEFAULT_MAX_EVENTS = 500;

  private SqliteStores() {}

  /** Opens (creating and migrating if needed) {@code dataDir/agent.db}. */
  public static AgentStores open(Path dataDir) {
    return open(dataDir, Clock.systemUTC(), DEFAULT_MAX_OUTBOX, DEFAULT_MAX_EVENTS);
  }

  public static AgentStores open(Path dataDir, Clock clock, int maxOutbox, int maxEvents) {
    return open(dataDir, clock, maxOutbox, maxEvents, null);
  }

  /**
   * Opens the stores; with an {@code encoder} (null: none) every logged event also enters the
   * outbox.
   */
  public static AgentStores open(
      Path dataDir, Clock clock, int maxOutbox, int maxEvents, EventEncoder encoder) {
    SqliteWriter db = SqliteWriter.open(dataDir.resolve(FILE_NAME));
    return new AgentStores(
        new SqliteDesiredStateStore(db, clock),
        new SqliteWorkloadHistoryStore(db),
        new SqliteRollbackStateStore(db),
        new SqliteOutbox(db, clock, maxOutbox),
        new SqliteEventLog(db, clock, maxOutbox, maxEvents, encoder),
        () -> db.write(c -> Meta.increment(c, "presence_epoch")),
        new SqliteVolumeStore(db),
        db::close);
  }
}
