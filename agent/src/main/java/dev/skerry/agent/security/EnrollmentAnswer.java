package dev.skerry.agent.security;

import java.net.URI;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;

/** The hub's answer to {@code POST /api/v1/enroll} (decision 0010), checked by the client. */
public record EnrollmentAnswer(
    String deviceId,
    X509Certificate certificate,
    X509Certificate caCertificate,
    List<PublicKey> signingKeys,
    URI mqttUrl,
    String expiresAt) {
  public EnrollmentAnswer {
    signingKeys = List.copyOf(signingKeys);
  }
}
