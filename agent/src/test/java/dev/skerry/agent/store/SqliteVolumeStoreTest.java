package dev.skerry.agent.store;

import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.io.TempDir;

/** The {@link VolumeStore} contract on a real agent.db made by the shipped migrations. */
class SqliteVolumeStoreTest extends VolumeStoreContract {
  @TempDir Path dir;

  @Override
  protected AgentStores open(int maxOutbox, int maxEvents, EventEncoder encoder) {
    return SqliteStores.open(dir, Clock.systemUTC(), maxOutbox, maxEvents, encoder);
  }
}
