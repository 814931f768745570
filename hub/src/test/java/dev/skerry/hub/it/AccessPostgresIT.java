package dev.skerry.hub.it;

import dev.skerry.hub.store.TestPostgres;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;

/** {@link AccessSuite} on a real PostgreSQL database. */
class AccessPostgresIT extends AccessSuite {
  private TestPostgres database;

  @Override
  TestHub start(Path dataDir) {
    database = new TestPostgres();
    return TestHub.embedded(dataDir, TestHub.freePort(), Optional.of(database.url()));
  }

  @AfterEach
  void dropDatabase() {
    hub.close();
    database.close();
  }
}
