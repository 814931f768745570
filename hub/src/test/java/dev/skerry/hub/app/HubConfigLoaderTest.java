package dev.skerry.hub.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubConfigLoaderTest {
  @TempDir Path dir;

  @Test
  void usesDefaultsWhenNothingIsGiven() {
    HubConfig config = new HubConfigLoader(Map.of()).load(new String[0]);

    assertThat(config).isEqualTo(HubConfig.defaults());
    assertThat(config.httpHost()).isEqualTo("127.0.0.1");
    assertThat(config.httpPort()).isEqualTo(8080);
    assertThat(config.embeddedMqttPort()).isEqualTo(1883);
    assertThat(config.embeddedMqttHost()).isEqualTo("0.0.0.0");
    assertThat(config.effectiveDbUrl()).isEqualTo("jdbc:sqlite:skerry-hub-data/hub.db");
    assertThat(config.effectiveAdminTokenFile()).isEqualTo(Path.of("skerry-hub-data/admin.token"));
    assertThat(config.embeddedBroker()).isTrue();
  }

  @Test
  void flagBeatsEnvironmentBeatsFileBeatsDefault() throws Exception {
    Path file = dir.resolve("hub.yaml");
    Files.writeString(
        file,
        "http-port: 9001\nhttp-host: 127.0.0.2\ndata-dir: /from/file\nembedded-mqtt-port: 1999\n");
    Map<String, String> env = Map.of("SKERRY_HTTP_PORT", "9002", "SKERRY_DATA_DIR", "/from/env");

    HubConfig config =
        new HubConfigLoader(env)
            .load(new String[] {"--config", file.toString(), "--http-port=9003"});

    assertThat(config.httpPort()).isEqualTo(9003);
    assertThat(config.dataDir()).isEqualTo(Path.of("/from/env"));
    assertThat(config.httpHost()).isEqualTo("127.0.0.2");
    assertThat(config.embeddedMqttPort()).isEqualTo(1999);
    assertThat(config.embeddedMqttHost()).isEqualTo("0.0.0.0");
    assertThat(config.configFile()).contains(file);
  }

  @Test
  void readsTheConfigFileNamedInTheEnvironment() throws Exception {
    Path file = dir.resolve("hub.yaml");
    Files.writeString(file, "mqtt-url: mqtt://broker:1884\n");

    HubConfig config =
        new HubConfigLoader(Map.of("SKERRY_CONFIG", file.toString())).load(new String[0]);

    assertThat(config.mqttUrl()).isEqualTo(Optional.of("mqtt://broker:1884"));
    assertThat(config.embeddedBroker()).isFalse();
  }

  @Test
  void reportsEveryErrorAtOnce() throws Exception {
    Path file = dir.resolve("hub.yaml");
    Files.writeString(file, "http-prot: 1\n");

    assertThatThrownBy(
            () ->
                new HubConfigLoader(Map.of("SKERRY_EMBEDDED_MQTT_PORT", "70000"))
                    .load(
                        new String[] {
                          "--config", file.toString(), "--http-port", "abc", "--colour", "x"
                        }))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.errors())
                    .containsExactlyInAnyOrder(
                        "unknown option --colour",
                        "config file " + file + ": unknown key 'http-prot'",
                        "http-port: 'abc' is not a number",
                        "embedded-mqtt-port: 70000 is not a port (0-65535)"));
  }

  @Test
  void aTlsListenerNeedsAReadableKeystoreAndPasswordFileAndItsOwnPort() throws Exception {
    Path store = Files.writeString(dir.resolve("broker.p12"), "x");
    Path password = Files.writeString(dir.resolve("pw"), "secret\n");

    HubConfig ok =
        new HubConfigLoader(
                Map.of("SKERRY_EMBEDDED_MQTT_KEYSTORE_PASSWORD_FILE", password.toString()))
            .load(
                new String[] {
                  "--embedded-mqtts-port", "8883", "--embedded-mqtt-keystore", store.toString()
                });
    assertThat(ok.embeddedTls())
        .hasValueSatisfying(
            tls -> {
              assertThat(tls.port()).isEqualTo(8883);
              assertThat(tls.password()).isEqualTo("secret");
              assertThat(tls.toString()).doesNotContain("secret");
            });
    assertThat(new HubConfigLoader(Map.of()).load(new String[0]).embeddedTls()).isEmpty();

    assertThatThrownBy(
            () ->
                new HubConfigLoader(Map.of())
                    .load(
                        new String[] {
                          "--embedded-mqtts-port", "1883", "--embedded-mqtt-keystore", "/nope.p12"
                        }))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.errors())
                    .containsExactlyInAnyOrder(
                        "embedded-mqtts-port: must differ from embedded-mqtt-port",
                        "embedded-mqtt-keystore: cannot read /nope.p12",
                        "embedded-mqtt-keystore-password-file: required with embedded-mqtts-port"));
  }

  @Test
  void acceptsAPostgresqlUrlAndRefusesOneWithoutHost() {
    HubConfig config =
        new HubConfigLoader(Map.of())
            .load(new String[] {"--db-url", "jdbc:postgresql://db/skerry?user=hub"});
    assertThat(config.effectiveDbUrl()).isEqualTo("jdbc:postgresql://db/skerry?user=hub");

    assertThatThrownBy(
            () ->
                new HubConfigLoader(Map.of())
                    .load(new String[] {"--db-url", "jdbc:postgresql:skerry"}))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> assertThat(e.errors()).singleElement().asString().contains("needs a host"));
  }

  @Test
  void refusesAnMqttUrlWithoutPortOrWithAnotherScheme() {
    assertThatThrownBy(
            () ->
                new HubConfigLoader(Map.of("SKERRY_MQTT_URL", "http://broker:80"))
                    .load(new String[0]))
        .hasMessageContaining("must be mqtt://host:port");
    assertThatThrownBy(
            () -> new HubConfigLoader(Map.of()).load(new String[] {"--mqtt-url", "mqtt://b"}))
        .hasMessageContaining("needs a host and a port");
  }

  @Test
  void aMissingFlagValueIsAnError() {
    assertThatThrownBy(() -> new HubConfigLoader(Map.of()).load(new String[] {"--http-port"}))
        .hasMessageContaining("option --http-port needs a value");
  }

  @Test
  void envNamesAreSkerryPlusUpperCaseName() {
    assertThat(HubConfigLoader.envName("embedded-mqtt-port"))
        .isEqualTo("SKERRY_EMBEDDED_MQTT_PORT");
  }

  @Test
  void readsTheDeviceCertificateLifeAsAnIsoDurationWithinItsBounds() {
    assertThat(HubConfig.defaults().deviceCertLifetime()).isEqualTo(java.time.Duration.ofDays(90));
    assertThat(
            new HubConfigLoader(Map.of("SKERRY_DEVICE_CERT_LIFETIME", "PT12H"))
                .load(new String[0])
                .deviceCertLifetime())
        .isEqualTo(java.time.Duration.ofHours(12));
    assertThatThrownBy(
            () ->
                new HubConfigLoader(Map.of())
                    .load(new String[] {"--device-cert-lifetime", "90 days"}))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.errors())
                    .containsExactly(
                        "device-cert-lifetime: '90 days' is not an ISO-8601 duration (e.g. P90D,"
                            + " PT12H)"));
    assertThatThrownBy(
            () ->
                new HubConfigLoader(Map.of())
                    .load(new String[] {"--device-cert-lifetime", "PT30S"}))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.errors())
                    .containsExactly(
                        "device-cert-lifetime: must be between PT1M and 3650 days, got PT30S"));
  }

  @Test
  void anOperatorsMqttClientCertificateComesFromFlagsEnvOrFile() throws Exception {
    Path cert = Files.writeString(dir.resolve("client.crt"), "x");
    Path key = Files.writeString(dir.resolve("client.key"), "x");
    Path file = Files.writeString(dir.resolve("hub.yaml"), "mqtt-client-key: " + key + "\n");

    HubConfig config =
        new HubConfigLoader(Map.of("SKERRY_MQTT_CLIENT_CERT", cert.toString()))
            .load(new String[] {"--config", file.toString(), "--mqtt-url", "mqtts://b:8883"});

    assertThat(config.mqttClientCert()).contains(cert);
    assertThat(config.mqttClientKey()).contains(key);
  }

  @Test
  void anMqttClientCertificateNeedsItsKeyAndAnExternalBroker() throws Exception {
    Path cert = Files.writeString(dir.resolve("client.crt"), "x");

    assertThatThrownBy(
            () ->
                new HubConfigLoader(Map.of())
                    .load(
                        new String[] {
                          "--mqtt-client-cert", cert.toString(), "--embedded-mqtts-port", "8883"
                        }))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.errors())
                    .contains(
                        "mqtt-client-cert and mqtt-client-key: give both or neither",
                        "mqtt-client-cert: only with an external broker (mqtt-url)"));
  }
}
