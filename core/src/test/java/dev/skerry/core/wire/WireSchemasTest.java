package dev.skerry.core.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the agent and hub serialise is what docs/protocol.md's JSON Schemas promise. */
class WireSchemasTest {
  private static final JsonSchemaFactory FACTORY =
      JsonSchemaFactory.getInstance(
          SpecVersion.VersionFlag.V202012,
          builder ->
              builder.schemaMappers(
                  m -> m.mapPrefix("https://skerry.dev/schemas/v1/", "classpath:schemas/v1/")));

  private static final WorkloadSpec WEB =
      new WorkloadSpec(
          "web",
          "registry.example:5000/web:1.2",
          List.of("/bin/web"),
          List.of("--port", "8080"),
          Map.of("MODE", "edge"),
          "on-failure",
          new WorkloadSpec.Resources(64, 0.5),
          List.of(new WorkloadSpec.Mount("/var/lib/web", "/data", false)),
          new WorkloadSpec.HealthCheck(
              null, new WorkloadSpec.HttpGet(8080, "/healthz"), null, 5, 2, 3, 0),
          "host");

  @Test
  void desiredDocumentMatchesItsSchema() {
    DesiredDocument doc =
        new DesiredDocument(
            1, "gw-1", 7, Instant.now(), List.of(new DesiredWorkload("shop", 3, WEB)));
    assertThat(errors("desired", WireJson.mapper().valueToTree(doc))).isEmpty();
  }

  @Test
  void statusReportMatchesItsSchema() {
    StatusReport report =
        new StatusReport(
            1,
            "gw-1",
            42,
            Instant.now(),
            "0.1.0",
            Map.of("site", "north"),
            7,
            7,
            List.of(
                new WorkloadStatus(
                    "web",
                    "shop",
                    3,
                    WEB.image(),
                    "sha256:" + "a".repeat(64),
                    "running",
                    0,
                    "healthy",
                    null,
                    null)));
    assertThat(errors("reported", WireJson.mapper().valueToTree(report))).isEmpty();
  }

  @Test
  void aSpecWithVolumesDevicesFilesAndSecurityFieldsMatchesItsSchema() {
    WorkloadSpec db =
        new WorkloadSpec(
            "db",
            "postgres:16",
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            "host",
            null,
            List.of(new WorkloadSpec.Volume("data", "/var/lib/db", false, 512)),
            List.of(new WorkloadSpec.Device("/dev/ttyUSB0", "/dev/ttyUSB0", "rw")),
            List.of(new WorkloadSpec.File("/etc/app/config.yaml", "a: 1\n", "0440")),
            false,
            new WorkloadSpec.Capabilities(List.of("CAP_SYS_TIME"), List.of("CAP_NET_RAW")),
            "1000:1000",
            true,
            "/srv");
    DesiredDocument doc =
        new DesiredDocument(1, "gw-1", 7, Instant.now(), List.of(new DesiredWorkload("d", 3, db)));
    assertThat(errors("desired", WireJson.mapper().valueToTree(doc))).isEmpty();
  }

  @Test
  void presenceMatchesItsSchema() {
    Presence presence = new Presence(1, "gw-1", Presence.ONLINE, 12, Instant.now());
    assertThat(errors("presence", WireJson.mapper().valueToTree(presence))).isEmpty();
  }

  @Test
  void schemaRejectsAnUnknownWorkloadStateAndAMissingRevision() {
    ObjectNode doc =
        WireJson.mapper()
            .valueToTree(
                new DesiredDocument(
                    1, "gw-1", 7, Instant.now(), List.of(new DesiredWorkload("shop", 3, WEB))));
    doc.remove("revision");
    assertThat(errors("desired", doc)).anyMatch(m -> m.getMessage().contains("revision"));

    ObjectNode report =
        WireJson.mapper()
            .valueToTree(
                new StatusReport(
                    1,
                    "gw-1",
                    1,
                    Instant.now(),
                    "0.1.0",
                    Map.of(),
                    1,
                    1,
                    List.of(
                        new WorkloadStatus(
                            "web", "shop", 3, null, null, "sleeping", 0, null, null, null))));
    assertThat(errors("reported", report)).anyMatch(m -> m.getMessage().contains("state"));
  }

  @Test
  void schemaRejectsAHealthCheckWithTwoProbes() {
    ObjectNode doc =
        WireJson.mapper()
            .valueToTree(
                new DesiredDocument(
                    1, "gw-1", 7, Instant.now(), List.of(new DesiredWorkload("shop", 3, WEB))));
    ((ObjectNode) doc.at("/workloads/0/spec/healthCheck")).putObject("tcpSocket").put("port", 8080);
    assertThat(errors("desired", doc)).isNotEmpty();
  }

  @Test
  void eventMatchesItsSchema() {
    Event event = new Event(1, "gw-1", 5, Instant.now(), "web", "restart", "exited with 1", 2);
    assertThat(errors("event", WireJson.mapper().valueToTree(event))).isEmpty();
    Event agentEvent = new Event(1, "gw-1", 6, Instant.now(), null, Event.ERROR, "v=2", 0);
    assertThat(errors("event", WireJson.mapper().valueToTree(agentEvent))).isEmpty();
  }

  @Test
  void schemaRejectsAnEventWithoutASequenceNumber() {
    ObjectNode event =
        WireJson.mapper().valueToTree(new Event(1, "gw-1", 5, Instant.now(), "w", "k", "m", 0));
    event.remove("seq");
    assertThat(errors("event", event)).anyMatch(m -> m.getMessage().contains("seq"));
  }

  @Test
  void ackMatchesItsSchema() {
    assertThat(errors("ack", WireJson.mapper().valueToTree(new Ack(1, "gw-1", 17)))).isEmpty();
    ObjectNode negative = WireJson.mapper().valueToTree(new Ack(1, "gw-1", -1));
    assertThat(errors("ack", negative)).isNotEmpty();
  }

  @Test
  void reportCarriesTheDroppedEventCount() {
    StatusReport report =
        new StatusReport(1, "gw-1", 9, Instant.now(), "0.1.0", Map.of(), 1, 1, List.of(), 4, 12);
    JsonNode node = WireJson.mapper().valueToTree(report);
    assertThat(node.get("eventsDropped").asLong()).isEqualTo(4);
    assertThat(errors("reported", node)).isEmpty();
  }

  @Test
  void reportCarriesVolumesAndLeavesThemOutWhenThereAreNone() {
    StatusReport report =
        new StatusReport(
            1,
            "gw-1",
            9,
            Instant.now(),
            "0.1.0",
            Map.of(),
            1,
            1,
            List.of(),
            0,
            0,
            List.of(
                new VolumeStatus("data", 512L << 20, 1L << 20), new VolumeStatus("cold", 8, null)));
    JsonNode node = WireJson.mapper().valueToTree(report);
    assertThat(node.at("/volumes/0/usedBytes").asLong()).isEqualTo(1L << 20);
    assertThat(node.at("/volumes/1").has("usedBytes")).isFalse();
    assertThat(errors("reported", node)).isEmpty();
    JsonNode none =
        WireJson.mapper()
            .valueToTree(
                new StatusReport(1, "gw-1", 9, Instant.now(), "0.1.0", Map.of(), 1, 1, List.of()));
    assertThat(none.has("volumes")).isFalse();
  }

  @Test
  void commandAndResponseMatchTheirSchemas() {
    Command logs = new Command(1, "gw-1", "c-1", Command.LOGS, "web", 20, Instant.now());
    Command restart = new Command(1, "gw-1", "c-2", Command.RESTART, "web", null, Instant.now());
    CommandResponse ok =
        new CommandResponse(1, "gw-1", "c-1", CommandResponse.OK, null, List.of("a", "b"));
    assertThat(errors("command", WireJson.mapper().valueToTree(logs))).isEmpty();
    assertThat(errors("command", WireJson.mapper().valueToTree(restart))).isEmpty();
    assertThat(errors("command-response", WireJson.mapper().valueToTree(ok))).isEmpty();
  }

  @Test
  void schemaRejectsAnUnknownCommand() {
    ObjectNode cmd =
        WireJson.mapper()
            .valueToTree(new Command(1, "gw-1", "c-1", "reboot", "web", null, Instant.now()));
    assertThat(errors("command", cmd)).isNotEmpty();
  }

  private static Set<ValidationMessage> errors(String kind, JsonNode node) {
    JsonSchema schema =
        FACTORY.getSchema(
            SchemaLocation.of("https://skerry.dev/schemas/v1/" + kind + ".schema.json"));
    return schema.validate(node);
  }
}
