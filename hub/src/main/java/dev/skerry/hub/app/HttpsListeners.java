package dev.skerry.hub.app;

import dev.skerry.core.tls.Keystores;
import dev.skerry.core.tls.TlsContexts;
import dev.skerry.hub.api.RestServer;
import dev.skerry.hub.security.HubPki;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTPS listener's address and identity (the operator's keystore, or the server certificate of
 * the hub CA), and the start-up warning when plain HTTP is bound beyond loopback.
 */
final class HttpsListeners {
  private static final Logger LOG = LoggerFactory.getLogger(HttpsListeners.class);

  private HttpsListeners() {}

  static RestServer.Https https(HubConfig config, HubPki pki) {
    HttpsSettings https = config.https();
    TlsContexts.Identity identity =
        https.keystore().isPresent()
            ? Keystores.identity(https.keystore().get(), https.keystorePasswordFile().orElseThrow())
            : pki.server();
    if (https.keystore().isPresent()) {
      LOG.info(
          "HTTPS serves the certificate of {} ({}); enrolling agents still pin the hub CA, so"
              + " the keystore's chain must contain it or agents enroll on another listener",
          https.keystore().get(),
          identity.certificate().getSubjectX500Principal().getName());
    }
    config
        .https()
        .insecureHttpBind()
        .ifPresent(
            bind ->
                LOG.warn(
                    "--insecure-http-bind {}: the API listens WITHOUT TLS on {}:{}; the admin"
                        + " token and everything else cross the network in the clear. Use HTTPS"
                        + " (port {}) instead",
                    bind,
                    bind,
                    config.httpPort(),
                    config.httpsPort()));
    return new RestServer.Https(https.host(), config.httpsPort(), identity);
  }
}
