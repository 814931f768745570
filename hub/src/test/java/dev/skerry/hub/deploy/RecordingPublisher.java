package dev.skerry.hub.deploy;

import dev.skerry.core.wire.DesiredDocument;
import dev.skerry.core.wire.WireJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Keeps every published desired document, in order. */
public final class RecordingPublisher implements DesiredPublisher {
  private final List<DesiredDocument> sent = new ArrayList<>();

  @Override
  public synchronized void publishDesired(String deviceId, byte[] json) {
    try {
      DesiredDocument doc = WireJson.mapper().readValue(json, DesiredDocument.class);
      if (!doc.deviceId().equals(deviceId)) {
        throw new AssertionError("document for " + doc.deviceId() + " sent to " + deviceId);
      }
      sent.add(doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public synchronized List<DesiredDocument> sentTo(String deviceId) {
    return sent.stream().filter(d -> d.deviceId().equals(deviceId)).toList();
  }

  public synchronized List<DesiredDocument> all() {
    return List.copyOf(sent);
  }
}
