package dev.skerry.agent.store;

import java.util.Objects;

/**
 * The agent's durable state, one port per concept, as opened together: {@link SqliteStores} over
 * one {@code agent.db} (one connection, one writer thread for all of them), {@link InMemoryStores}
 * for tests. Wiring hands each component only the ports it uses.
 */
public final class AgentStores implements AutoCloseable {
  private final DesiredStateStore desired;
  private final WorkloadHistoryStore histories;
  private final RollbackStateStore rollback;
  private final Outbox outbox;
  private final EventLog events;
  private final PresenceEpochs epochs;
  private final VolumeStore volumes;
  private final Runnable onClose;

  AgentStores(
      DesiredStateStore desired,
      WorkloadHistoryStore histories,
      RollbackStateStore rollback,
      Outbox outbox,
      EventLog events,
      PresenceEpochs epochs,
      VolumeStore volumes,
      Runnable onClose) {
    this.desired = Objects.requireNonNull(desired, "desired");
    this.histories = Objects.requireNonNull(histories, "histories");
    this.rollback = Objects.requireNonNull(rollback, "rollback");
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.events = Objects.requireNonNull(events, "events");
    this.epochs = Objects.requireNonNull(epochs, "epochs");
    this.volumes = Objects.requireNonNull(volumes, "volumes");
    this.onClose = Objects.requireNonNull(onClose, "onClose");
  }

  public DesiredStateStore desired() {
    return desired;
  }

  public WorkloadHistoryStore histories() {
    return histories;
  }

  public RollbackStateStore rollback() {
    return rollback;
  }

  public Outbox outbox() {
    return outbox;
  }

  public EventLog events() {
    return events;
  }

  public PresenceEpochs epochs() {
    return epochs;
  }

  public VolumeStore volumes() {
    return volumes;
  }

  /** Closes the database under every port; later writes fail instead of hanging. */
  @Override
  public void close() {
    onClose.run();
  }
}
