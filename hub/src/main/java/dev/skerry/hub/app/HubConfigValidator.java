package dev.skerry.hub.app;

import dev.skerry.hub.store.JdbcUrls;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

/** Checks a {@link HubConfig}; returns every error at once, never clamps a value. */
public final class HubConfigValidator {
  private HubConfigValidator() {}

  /** The errors of {@code config}, empty when it is usable. */
  public static List<String> validate(HubConfig config) {
    List<String> errors = new ArrayList<>();
    checkPort(errors, HubConfigLoader.HTTP_PORT, config.httpPort());
    checkPort(errors, HubConfigLoader.EMBEDDED_MQTT_PORT, config.embeddedMqttPort());
    checkPort(errors, HubConfigLoader.HTTPS_PORT, config.httpsPort());
    if (config.httpsPort() != 0 && config.httpsPort() == config.httpPort()) {
      errors.add("https-port: must differ from http-port");
    }
    if (config.httpHost().isBlank()) {
      errors.add("http-host: must not be empty");
    }
    if (!java.util.Set.of("text", "json").contains(config.logFormat())) {
      errors.add("log-format: must be text or json, not '" + config.logFormat() + "'");
    }
    if (config.deviceCertLifetime().compareTo(HubConfig.MIN_DEVICE_CERT_LIFETIME) < 0
        || config.deviceCertLifetime().compareTo(HubConfig.MAX_DEVICE_CERT_LIFETIME) > 0) {
      errors.add(
          "device-cert-lifetime: must be between "
              + HubConfig.MIN_DEVICE_CERT_LIFETIME
              + " and "
              + HubConfig.MAX_DEVICE_CERT_LIFETIME.toDays()
              + " days, got "
              + config.deviceCertLifetime());
    }
    if (config.heartbeatSeconds() < 1) {
      errors.add("heartbeat-seconds: must be at least 1, got " + config.heartbeatSeconds());
    }
    if (config.staleAfterHeartbeats() < 1) {
      errors.add(
          "stale-after-heartbeats: must be at least 1, got " + config.staleAfterHeartbeats());
    }
    if (config.mqttCa().isPresent() && !java.nio.file.Files.isReadable(config.mqttCa().get())) {
      errors.add("mqtt-ca: cannot read " + config.mqttCa().get());
    }
    errors.addAll(MqttClientIdentity.check(config));
    if (config.embeddedBroker()
        && config.embeddedMqttsPort() == 0
        && !config.insecureAnonymousMqtt()) {
      errors.add(
          "embedded-mqtts-port: 0 leaves the embedded broker without a listener (its plain port"
              + " opens only with insecure-anonymous-mqtt)");
    }
    if (config.embeddedMqttsPort() != 0) {
      checkPort(errors, HubConfigLoader.EMBEDDED_MQTTS_PORT, config.embeddedMqttsPort());
      if (config.embeddedMqttsPort() == config.embeddedMqttPort()) {
        errors.add("embedded-mqtts-port: must differ from embedded-mqtt-port");
      }
      if (config.mqttUrl().isPresent()) {
        errors.add("embedded-mqtts-port: only for the embedded broker, not with mqtt-url");
      }
      // Without a keystore the listener uses the hub PKI's server certificate.
      checkReadable(
          errors, HubConfigLoader.EMBEDDED_MQTT_KEYSTORE, config.embeddedMqttKeystore(), false);
      checkReadable(
          errors,
          HubConfigLoader.EMBEDDED_MQTT_KEYSTORE_PASSWORD_FILE,
          config.embeddedMqttKeystorePasswordFile(),
          config.embeddedMqttKeystore().isPresent());
    } else if (config.embeddedMqttKeystore().isPresent()) {
      errors.add("embedded-mqtt-keystore: set embedded-mqtts-port to open the TLS listener");
    }
    if (config.embeddedMqttHost().isBlank()) {
      errors.add("embedded-mqtt-host: must not be empty");
    }
    if (config.dataDir().toString().isBlank()) {
      errors.add("data-dir: must not be empty");
    }
    config.dbUrl().ifPresent(url -> checkDbUrl(errors, url));
    config.mqttUrl().ifPresent(url -> checkMqttUrl(errors, url));
    errors.addAll(HttpsChecks.validate(config));
    return errors;
  }

  private static void checkPort(List<String> errors, String key, int port) {
    if (port < 0 || port > 65535) {
      errors.add(key + ": " + port + " is not a port (0-65535)");
    }
  }

  private static void checkDbUrl(List<String> errors, String url) {
    if (url.startsWith("jdbc:postgresql:")) {
      if (!url.startsWith("jdbc:postgresql://") || url.length() == "jdbc:postgresql://".length()) {
        errors.add(
            "db-url: '"
                + JdbcUrls.redact(url)
                + "' needs a host, e.g. jdbc:postgresql://db:5432/skerry?user=skerry");
      }
    } else if (!url.startsWith("jdbc:sqlite:") || url.length() == "jdbc:sqlite:".length()) {
      errors.add(
          "db-url: '"
              + JdbcUrls.redact(url)
              + "' is not supported; use jdbc:sqlite:<file> or jdbc:postgresql://host:port/db");
    }
  }

  private static void checkMqttUrl(List<String> errors, String url) {
    try {
      URI uri = new URI(url);
      if (!"mqtt".equals(uri.getScheme()) && !"mqtts".equals(uri.getScheme())) {
        errors.add("mqtt-url: '" + url + "' must be mqtt://host:port or mqtts://host:port");
      } else if (uri.getHost() == null || uri.getPort() < 1) {
        errors.add("mqtt-url: '" + url + "' needs a host and a port, e.g. mqtt://broker:1883");
      }
    } catch (URISyntaxException e) {
      errors.add("mqtt-url: '" + url + "' is not a URL: " + e.getReason());
    }
  }

  private static void checkReadable(
      List<String> errors,
      String key,
      java.util.Optional<java.nio.file.Path> file,
      boolean needed) {
    if (file.isEmpty()) {
      if (needed) {
        errors.add(key + ": required with embedded-mqtts-port");
      }
    } else if (!java.nio.file.Files.isReadable(file.get())) {
      errors.add(key + ": cannot read " + file.get());
    }
  }
}
