package dev.skerry.hub.it;

import java.nio.file.Path;

/** {@link AccessSuite} on the hub's SQLite database. */
class AccessIT extends AccessSuite {
  @Override
  TestHub start(Path dataDir) {
    return TestHub.embedded(dataDir);
  }
}
