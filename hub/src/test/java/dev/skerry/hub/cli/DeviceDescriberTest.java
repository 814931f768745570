package dev.skerry.hub.cli;

import static dev.skerry.hub.cli.Fixtures.device;
import static dev.skerry.hub.cli.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeviceDescriberTest {
  private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

  @Test
  void listsLabelsRevisionsAndEachWorkloadWithStateHealthRestartsAndMessage() {
    assertThat(DeviceDescriber.describe(device(Fixtures.PI_01), NOW))
        .isEqualTo(
            """
            ID:                pi-01
            Online:            yes
            Last seen:         2026-11-27T11:59:55Z (5s ago)
            Agent version:     0.1.0
            Labels:            site=berlin
                               tier=edge
            Desired revision:  7
            Applied revision:  6
            Workloads (1 of 2 running):
              web:
                Deployment:  web
                Image:       reg:5000/web:1.2 (sha256:abc)
                State:       running
                Health:      healthy
                Restarts:    0
                Message:     <none>
              db:
                Deployment:  db
                Image:       reg:5000/db:3
                State:       failed
                Health:      unhealthy
                Restarts:    4
                Message:     exit code 1: disk full
            """);
  }

  @Test
  void saysSoWhenADeviceRunsNoWorkloads() {
    assertThat(DeviceDescriber.describe(device(Fixtures.PI_02), NOW))
        .contains("Last seen:         2026-11-27T09:00:00Z (3h ago)\n")
        .endsWith("Workloads:         <none>\n");
  }

  @Test
  void showsStalenessAndTheRecentEventsNewestFirst() {
    String device = Fixtures.PI_02.replace("\"online\":false", "\"online\":true,\"stale\":true");
    String events =
        """
        {"items":[
          {"deviceId":"pi-02","seq":2,"at":"2026-11-27T11:00:00Z","workload":"web","kind":"restart","message":"exit 1"},
          {"deviceId":"pi-02","seq":1,"at":"2026-11-27T10:00:00Z","workload":null,"kind":"error","message":"v=2"}]}
        """;

    assertThat(DeviceDescriber.describe(device(device), ApiViews.events(json(events)), NOW))
        .contains("Stale:             yes")
        .contains(
            "Events:            2026-11-27T11:00:00Z  web  restart  exit 1\n"
                + "                   2026-11-27T10:00:00Z  -  error  v=2\n");
  }
}
