package dev.skerry.agent.app;

import dev.skerry.core.labels.Labels;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Checks an {@link AgentConfig}; returns every problem at once, no silent clamping. */
public final class ConfigValidator {
  /** MQTT topic level and containerd-friendly: no '/', '+', '#'. */
  private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9]+([._-][A-Za-z0-9]+)*");
  private static final Pattern HOST_PORT =
      Pattern.compile("(\\[[0-9a-fA-F:.]+]|[A-Za-z0-9.-]+):(\\d{1,5})");

  private ConfigValidator() {}

  public static List<String> validate(AgentConfig c) {
    List<String> errors = new ArrayList<>();
    if (c.deviceId() == null || !DEVICE_ID.matcher(c.deviceId()).matches()) {
      errors.add(
          "device-id: '"
              + c.deviceId()
              + "' must match "
              + DEVICE_ID.pattern()
              + " (it is an MQTT topic level)");
    }
    if (c.hub() != null) {
      URI hub = c.hub();
      if (!"mqtt".equals(hub.getScheme()) && !"mqtts".equals(hub.getScheme())) {
        errors.add("hub: scheme must be mqtt:// or mqtts://, got '" + hub + "'");
      } else if (hub.getHost() == null || hub.getPort() < 1 || hub.getPort() > 65535) {
        errors.add("hub: expected mqtt://host:port, got '" + hub + "'");
      }
    }
    // The syntax the hub's selectors match against: a label the hub cannot select is a mistake.
    Labels.validate("labels", c.labels()).forEach(e -> errors.add(e.toString()));
    if (!NAMESPACE.matcher(c.namespace()).matches()) {
      errors.add("namespace: '" + c.namespace() + "' is not a valid containerd namespace");
    }
    if (!hostPort(c.apiListen())) {
      errors.add("api-listen: expected HOST:PORT with a port 0-65535, got '" + c.apiListen() + "'");
    }
    for (String registry : c.insecureRegistries()) {
      if (!hostPort(registry)) {
        errors.add("insecure-registry: expected HOST:PORT, got '" + registry + "'");
      }
    }
    if (c.outboxMax() < 10) {
      errors.add("outbox-max: must be at least 10, got " + c.outboxMax());
    }
    if (c.mqttCa() != null && !java.nio.file.Files.isReadable(c.mqttCa())) {
      errors.add("mqtt-ca: cannot read " + c.mqttCa());
    }
    if (c.hubApi() != null
        && (!"https".equals(c.hubApi().getScheme()) || c.hubApi().getHost() == null)) {
      errors.add("hub-api: expected https://HOST:PORT, got '" + c.hubApi() + "'");
    }
    if (c.joinToken() != null && c.joinTokenFile() != null) {
      errors.add("join-token: give --join-token or --join-token-file, not both");
    }
    if (c.joinTokenFile() != null && !java.nio.file.Files.isReadable(c.joinTokenFile())) {
      errors.add("join-token-file: cannot read " + c.joinTokenFile());
    }
    if (c.joinToken() != null) {
      try {
        dev.skerry.core.identity.JoinToken.parse(c.joinToken());
      } catch (IllegalArgumentException e) {
        errors.add("join-token: " + e.getMessage());
      }
    }
    if ((c.joinToken() != null || c.joinTokenFile() != null) && c.hubApi() == null) {
      errors.add("hub-api: a join token needs --hub-api https://HOST:PORT to enroll with");
    }
    if (c.volumeRetentionDays() < 1) {
      errors.add("volume-retention-days: must be at least 1, got " + c.volumeRetentionDays());
    }
    if (c.logMaxBytes() < 1024) {
      errors.add("log-max-bytes: must be at least 1024, got " + c.logMaxBytes());
    }
    for (Path p : c.allowedHostPaths()) {
      if (!p.isAbsolute()) {
        errors.add("allowed-host-paths: '" + p + "' must be absolute");
      }
    }
    RegistryValidation.check(c, errors, ConfigValidator::hostPort);
    if (c.containerdSocket().toString().isEmpty()) {
      errors.add("containerd-socket: must not be empty");
    }
    if (c.dataDir().toString().isEmpty()) {
      errors.add("data-dir: must not be empty");
    }
    return errors;
  }

  private static boolean hostPort(String text) {
    if (text == null) {
      return false;
    }
    var m = HOST_PORT.matcher(text);
    return m.matches() && Integer.parseInt(m.group(2)) <= 65535;
  }
}
