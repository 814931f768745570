package dev.skerry.agent.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.skerry.core.identity.Fingerprints;
import dev.skerry.core.identity.JoinToken;
import dev.skerry.core.tls.Pem;
import dev.skerry.core.tls.TlsContexts;
import dev.skerry.core.wire.WireJson;
import dev.skerry.testsupport.TestCa;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * A real HTTPS server playing the hub's {@code POST /api/v1/enroll} as decision 0010 specifies it:
 * a server certificate from its CA, one valid token, the CSR parsed and its signature checked, the
 * certificate issued by the CA for the CSR's key. Test scope.
 */
public final class EnrollmentServer implements AutoCloseable {
  final TestCa ca;
  public final JoinToken token;
  final KeyPair signing;
  final AtomicInteger requests = new AtomicInteger();
  private final HttpsServer server;
  private volatile String mqttUrl = "mqtts://127.0.0.1:8883";

  private EnrollmentServer(TestCa ca, int port, JoinToken token) throws IOException {
    this.ca = ca;
    this.token = token;
    try {
      this.signing = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.setHttpsConfigurator(
        new HttpsConfigurator(
            TlsContexts.of(List.of(), ca.server("localhost", "127.0.0.1").identity())));
    server.createContext("/api/v1/enroll", this::handle);
    server.start();
  }

  public static EnrollmentServer start(TestCa ca) throws IOException {
    return new EnrollmentServer(ca, 0, JoinToken.generate(Fingerprints.of(ca.certificate())));
  }

  /** On a given port with a given token (to start one where an agent already tries). */
  static EnrollmentServer startWithToken(TestCa ca, int port, JoinToken token) throws IOException {
    return new EnrollmentServer(ca, port, token);
  }

  public URI url() {
    return URI.create("https://localhost:" + server.getAddress().getPort());
  }

  public PublicKey signingKey() {
    return signing.getPublic();
  }

  public PrivateKey signingPrivateKey() {
    return signing.getPrivate();
  }

  private void handle(HttpExchange ex) throws IOException {
    requests.incrementAndGet();
    try {
      JsonNode body = WireJson.mapper().readTree(ex.getRequestBody());
      if (!token.encoded().equals(body.path("token").asText())) {
        send(ex, 401, error("invalid_token", "the join token is unknown, expired or used up"));
        return;
      }
      PKCS10CertificationRequest csr =
          new PKCS10CertificationRequest(Pem.blocks(body.path("csr").asText()).get(0).der());
      if (!csr.isSignatureValid(
          new org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder()
              .build(Pem.publicKey(csr.getSubjectPublicKeyInfo().getEncoded())))) {
        send(ex, 400, error("bad_csr", "bad self-signature"));
        return;
      }
      String cn = csr.getSubject().getRDNs(BCStyle.CN)[0].getFirst().getValue().toString();
      PublicKey pub = Pem.publicKey(csr.getSubjectPublicKeyInfo().getEncoded());
      var issued =
          ca.issue(cn, "skerry-device", new KeyPair(pub, null), Duration.ofDays(90), false);
      ObjectNode answer = WireJson.mapper().createObjectNode();
      answer.put("deviceId", cn);
      answer.put("certificate", Pem.encode(issued.certificate()));
      answer.put("caCertificate", Pem.encode(ca.certificate()));
      answer.putArray("signingKeys").add(Pem.encode(signing.getPublic()));
      answer.put("mqttUrl", mqttUrl);
      answer.put("expiresAt", issued.certificate().getNotAfter().toInstant().toString());
      send(ex, 200, answer);
    } catch (Exception e) {
      send(ex, 500, error("internal", String.valueOf(e)));
    } finally {
      ex.close();
    }
  }

  public void mqttUrl(String url) {
    this.mqttUrl = url;
  }

  private static ObjectNode error(String code, String message) {
    ObjectNode n = WireJson.mapper().createObjectNode();
    n.putObject("error").put("code", code).put("message", message);
    return n;
  }

  private static void send(HttpExchange ex, int status, JsonNode body) throws IOException {
    byte[] bytes = WireJson.mapper().writeValueAsBytes(body);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
