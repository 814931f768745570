package dev.skerry.agent.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.skerry.agent.store.EventEncoder;
import dev.skerry.agent.store.LocalEvent;
import dev.skerry.core.wire.Event;
import dev.skerry.core.wire.Topics;
import dev.skerry.core.wire.WireJson;
import java.util.Objects;

/** Encodes logged events as the wire {@link Event} the outbox keeps and the hub reads. */
public final class WireEvents implements EventEncoder {
  private final String deviceId;

  public WireEvents(String deviceId) {
    this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
  }

  @Override
  public byte[] encode(LocalEvent e, long eventSeq, long droppedThrough) {
    try {
      return WireJson.mapper()
          .writeValueAsBytes(
              new Event(
                  Topics.PROTOCOL_VERSION,
                  deviceId,
                  eventSeq,
                  e.at(),
                  e.workload(),
                  e.kind(),
                  e.message(),
                  droppedThrough));
    } catch (JsonProcessingException x) {
      throw new IllegalStateException(x);
    }
  }
}
