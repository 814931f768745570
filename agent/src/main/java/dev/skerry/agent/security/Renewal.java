package dev.skerry.agent.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skerry.core.tls.Pem;
import dev.skerry.core.wire.Topics;
import dev.skerry.core.wire.WireJson;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

/**
 * Certificate renewal over MQTT (decision 0010), the pure part: when to renew (at 2/3 of the
 * certificate's life), the request for the same key on {@code renew}, and the check of the hub's
 * answer on {@code certificate} (same key, same name, issued by the pinned CA).
 */
public final class Renewal {
  private Renewal() {}

  /** Topic the request goes to. */
  public static String requestTopic(String deviceId) {
    return Topics.ROOT + deviceId + "/renew";
  }

  /** Topic the hub answers on (the request's MQTT 5 response topic). */
  public static String answerTopic(String deviceId) {
    return Topics.ROOT + deviceId + "/certificate";
  }

  /** 2/3 into the certificate's validity. */
  public static Instant renewAt(X509Certificate cert) {
    Instant from = cert.getNotBefore().toInstant();
    Duration life = Duration.between(from, cert.getNotAfter().toInstant());
    return from.plus(life.multipliedBy(2).dividedBy(3));
  }

  /** {@code {"v":1,"csr":PEM}} for the identity's own key. */
  public static byte[] request(DeviceIdentity identity) {
    ObjectNode body = WireJson.mapper().createObjectNode();
    body.put("v", 1);
    body.put(
        "csr",
        Csr.pem(
            new KeyPair(identity.certificate().getPublicKey(), identity.key()),
            identity.deviceId()));
    try {
      return WireJson.mapper().writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The renewed certificate in the hub's answer.
   *
   * @throws IllegalArgumentException the answer is an error or not a certificate for this identity
   */
  public static X509Certificate accept(DeviceIdentity identity, byte[] answer) {
    JsonNode tree;
    try {
      tree = WireJson.mapper().readTree(answer);
    } catch (IOException e) {
      throw new IllegalArgumentException("renewal answer is not JSON");
    }
    if (tree == null || tree.has("error")) {
      throw new IllegalArgumentException(
          "the hub refused the renewal: "
              + (tree == null ? "empty answer" : tree.get("error").path("message").asText()));
    }
    X509Certificate cert = Pem.certificate(tree.path("certificate").asText(""));
    if (!cert.getPublicKey().equals(identity.certificate().getPublicKey())) {
      throw new IllegalArgumentException("the renewed certificate is for another key");
    }
    if (!DeviceIdentity.commonName(cert).equals(identity.deviceId())) {
      throw new IllegalArgumentException("the renewed certificate is for another device");
    }
    try {
      cert.verify(identity.ca().getPublicKey());
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("the renewed certificate is not issued by the hub CA");
    }
    return cert;
  }
}
