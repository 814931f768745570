package dev.skerry.hub.mqtt;

import dev.skerry.core.wire.Topics;
import java.util.Objects;
import java.util.function.BiFunction;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a device's certificate renewal request ({@code skerry/v1/devices/<id>/renew}) on the
 * device's own certificate topic, with the request's correlation data. Runs on Paho's callback
 * thread.
 */
final class RenewalAnswers {
  private static final Logger LOG = LoggerFactory.getLogger(HubMqttLink.class);

  private final BiFunction<String, byte[], byte[]> renewals;

  /**
   * @param renewals the answer to a request: device id and payload in, payload out
   */
  RenewalAnswers(BiFunction<String, byte[], byte[]> renewals) {
    this.renewals = Objects.requireNonNull(renewals, "renewals");
  }

  /**
   * Answers on the device's own certificate topic only: the hub may publish anywhere, so a response
   * topic chosen by the device must not steer it elsewhere.
   */
  void answer(MqttAsyncClient client, String topic, MqttMessage message) {
    String deviceId = Topics.deviceIdOf(topic);
    MqttProperties p = message.getProperties();
    if (deviceId == null || p == null) {
      return;
    }
    if (!Topics.certificate(deviceId).equals(p.getResponseTopic())) {
      LOG.warn("Renewal request from {} ignored: its response topic is not its own", deviceId);
      return;
    }
    try {
      MqttMessage answer = new MqttMessage(renewals.apply(deviceId, message.getPayload()));
      answer.setQos(1);
      answer.setRetained(false);
      MqttProperties props = new MqttProperties();
      props.setCorrelationData(p.getCorrelationData());
      answer.setProperties(props);
      client.publish(Topics.certificate(deviceId), answer);
    } catch (MqttException | RuntimeException e) {
      LOG.warn("Renewal answer for {} not sent: {}", deviceId, e.getMessage());
    }
  }
}
