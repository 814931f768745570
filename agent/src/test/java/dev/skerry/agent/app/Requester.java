package dev.skerry.agent.app;

import dev.skerry.core.wire.Command;
import dev.skerry.core.wire.CommandResponse;
import dev.skerry.core.wire.Topics;
import dev.skerry.core.wire.WireJson;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** Sends commands as the hub does: MQTT 5 response topic and correlation data. */
final class Requester implements AutoCloseable {
  private final MqttClient client;
  private final String deviceId;
  private final Map<String, CompletableFuture<CommandResponse>> pending = new ConcurrentHashMap<>();

  Requester(String url, String deviceId) throws Exception {
    this.deviceId = deviceId;
    client = new MqttClient(url, "requester-" + System.nanoTime(), new MemoryPersistence());
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setCleanStart(true);
    client.connect(o);
    client.subscribe(
        new MqttSubscription[] {new MqttSubscription(Topics.responses(deviceId), 1)},
        new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {
          (topic, m) -> {
            String correlation =
                new String(m.getProperties().getCorrelationData(), StandardCharsets.UTF_8);
            CompletableFuture<CommandResponse> f = pending.remove(correlation);
            if (f != null) {
              f.complete(WireJson.mapper().readValue(m.getPayload(), CommandResponse.class));
            }
          }
        });
  }

  CommandResponse call(Command command) throws Exception {
    CompletableFuture<CommandResponse> f = new CompletableFuture<>();
    pending.put(command.id(), f);
    MqttMessage m = new MqttMessage(WireJson.mapper().writeValueAsBytes(command));
    m.setQos(1);
    MqttProperties p = new MqttProperties();
    p.setResponseTopic(Topics.responses(deviceId));
    p.setCorrelationData(command.id().getBytes(StandardCharsets.UTF_8));
    m.setProperties(p);
    client.publish(Topics.commands(deviceId), m);
    return f.get(15, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws org.eclipse.paho.mqttv5.common.MqttException {
    client.disconnect();
    client.close();
  }
}
