package dev.skerry.hub.it;

import dev.skerry.testsupport.OwnMosquitto;
import java.nio.file.Path;

/** The sync protocol suite through a mosquitto of the test's own, plain MQTT. */
class MosquittoSyncIT extends SyncProtocolSuite {
  private OwnMosquitto broker;

  @Override
  TestHub startHub(Path dir) throws Exception {
    broker = OwnMosquitto.start(dir, null);
    return TestHub.external(dir.resolve("hub"), broker.url());
  }

  @Override
  void stopBroker() throws Exception {
    broker.close();
  }
}
