package dev.skerry.agent.app;

import dev.skerry.core.wire.Ack;
import dev.skerry.core.wire.Event;
import dev.skerry.core.wire.Topics;
import dev.skerry.core.wire.WireJson;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * Plays the hub's event side as the protocol specifies it: keeps each event once by number, counts
 * duplicates, and acknowledges (retained) the highest contiguous number after every event.
 * Reconnects and subscribes again by itself.
 */
final class EventHub implements AutoCloseable {
  private final String deviceId;
  private final MqttAsyncClient client;
  private final TreeMap<Long, Event> events = new TreeMap<>();
  private final AtomicLong duplicates = new AtomicLong();
  private long contiguous;
  private long floor;

  EventHub(String url, String deviceId) throws MqttException {
    this.deviceId = deviceId;
    client = new MqttAsyncClient(url, "event-hub-" + System.nanoTime(), new MemoryPersistence());
    client.setCallback(new Callback());
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setCleanStart(true);
    o.setAutomaticReconnect(true);
    o.setAutomaticReconnectDelay(1, 2);
    client.connect(o).waitForCompletion(10_000);
  }

  synchronized List<Long> seqs() {
    return List.copyOf(events.keySet());
  }

  synchronized Map<Long, Event> events() {
    return Map.copyOf(events);
  }

  synchronized long contiguous() {
    return contiguous;
  }

  long duplicates() {
    return duplicates.get();
  }

  private synchronized long store(Event e) {
    if (events.putIfAbsent(e.seq(), e) != null) {
      duplicates.incrementAndGet();
    }
    floor = Math.max(floor, e.droppedThrough());
    contiguous = Math.max(contiguous, floor);
    while (events.containsKey(contiguous + 1)) {
      contiguous++;
    }
    return contiguous;
  }

  @Override
  public void close() throws MqttException {
    if (client.isConnected()) {
      client.publish(Topics.ack(deviceId), new byte[0], 1, true).waitForCompletion(5000);
      client.disconnect().waitForCompletion(5000);
    }
    client.close();
  }

  private final class Callback implements MqttCallback {
    @Override
    public void messageArrived(String topic, MqttMessage message) throws Exception {
      Event e = WireJson.mapper().readValue(message.getPayload(), Event.class);
      long through = store(e);
      try {
        client.publish(
            Topics.ack(deviceId),
            WireJson.mapper().writeValueAsBytes(new Ack(1, deviceId, through)),
            1,
            true);
      } catch (MqttException busy) {
        // Too many acks in flight: a later one carries the number, as the hub's debounce does.
      }
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
      try {
        client.subscribe(Topics.events(deviceId), 1);
      } catch (MqttException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {}

    @Override
    public void mqttErrorOccurred(MqttException exception) {}

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {}
  }
}
