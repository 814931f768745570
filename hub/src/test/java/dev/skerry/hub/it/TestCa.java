package dev.skerry.hub.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away CA and a server certificate for {@code localhost} and {@code 127.0.0.1}, made by the
 * openssl CLI in a test's directory.
 */
record TestCa(Path caCert, Path serverCert, Path serverKey) {
  static TestCa create(Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path ca = dir.resolve("ca.crt");
    Path caKey = dir.resolve("ca.key");
    Path key = dir.resolve("server.key");
    Path csr = dir.resolve("server.csr");
    Path cert = dir.resolve("server.crt");
    Path ext = dir.resolve("server.ext");
    Files.writeString(ext, "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
    run(
        dir,
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "2",
        "-subj",
        "/CN=skerry-test-ca",
        "-keyout",
        caKey.toString(),
        "-out",
        ca.toString(),
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign");
    run(
        dir,
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-subj",
        "/CN=localhost",
        "-keyout",
        key.toString(),
        "-out",
        csr.toString());
    run(
        dir,
        "x509",
        "-req",
        "-in",
        csr.toString(),
        "-CA",
        ca.toString(),
        "-CAkey",
        caKey.toString(),
        "-CAcreateserial",
        "-days",
        "2",
        "-out",
        cert.toString(),
        "-extfile",
        ext.toString());
    return new TestCa(ca, cert, key);
  }

  /**
   * The server's key and certificate chain in a PKCS#12 keystore protected by {@code password}, as
   * the hub's embedded broker takes them.
   */
  Path pkcs12(String password) throws IOException, InterruptedException {
    Path dir = serverCert.getParent();
    Path out = dir.resolve("server.p12");
    run(
        dir,
        "pkcs12",
        "-export",
        "-in",
        serverCert.toString(),
        "-inkey",
        serverKey.toString(),
        "-certfile",
        caCert.toString(),
        "-name",
        "broker",
        "-out",
        out.toString(),
        "-passout",
        "pass:" + password);
    return out;
  }

  private static void run(Path dir, String... args) throws IOException, InterruptedException {
    List<String> cmd = new java.util.ArrayList<>(List.of("openssl"));
    cmd.addAll(List.of(args));
    Process p =
        new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("openssl.log").toFile())
            .start();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("openssl " + args[0] + " failed; see " + dir.resolve("openssl.log"));
    }
  }

  /** Paho's socket factory trusting this CA only. */
  javax.net.ssl.SSLSocketFactory socketFactory() throws Exception {
    java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (var in = Files.newInputStream(caCert)) {
      trust.setCertificateEntry(
          "ca", java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    var tmf =
        javax.net.ssl.TrustManagerFactory.getInstance(
            javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    var tls = javax.net.ssl.SSLContext.getInstance("TLS");
    tls.init(null, tmf.getTrustManagers(), null);
    return tls.getSocketFactory();
  }
}
