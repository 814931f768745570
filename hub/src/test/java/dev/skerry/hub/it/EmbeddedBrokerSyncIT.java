package dev.skerry.hub.it;

import java.nio.file.Path;

/** The sync protocol suite through the hub's embedded broker (HiveMQ CE). */
class EmbeddedBrokerSyncIT extends SyncProtocolSuite {
  @Override
  TestHub startHub(Path dir) {
    return TestHub.embedded(dir.resolve("hub"));
  }
}
