package dev.skerry.hub.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skerry.hub.fleet.Staleness;
import dev.skerry.hub.rollout.RolloutMetrics;
import dev.skerry.hub.store.DeviceRecord;
import dev.skerry.hub.store.InMemoryHubStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HubMetricsTest {
  private final InMemoryHubStore store = new InMemoryHubStore();
  private final HubMetrics metrics =
      new HubMetrics(
          store,
          new RolloutMetrics(),
          new Staleness(Duration.ofMinutes(5)),
          Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

  @Test
  void listsEveryDeviceStateAndCountsMessagesByKind() {
    store.putDevice(DeviceRecord.firstSeen("d1", Instant.EPOCH));
    metrics.messageIn("report");
    metrics.messageIn("report");
    metrics.messageOut("desired");
    metrics.refused(() -> Map.of("oversized", 4L));

    assertThat(metrics.scrape())
        .contains(
            "# HELP skerry_hub_devices Devices known to the hub: online, offline, or stale"
                + " (online but silent for too long).\n"
                + "# TYPE skerry_hub_devices gauge\n"
                + "skerry_hub_devices{state=\"offline\"} 1\n"
                + "skerry_hub_devices{state=\"online\"} 0\n"
                + "skerry_hub_devices{state=\"stale\"} 0\n")
        .contains("skerry_hub_rollouts{state=\"rolledback\"} 0\n")
        .contains("skerry_hub_messages_in_total{kind=\"report\"} 2\n")
        .contains("skerry_hub_messages_out_total{kind=\"desired\"} 1\n")
        .contains("skerry_hub_messages_dropped_total{reason=\"oversized\"} 4\n");
  }

  @Test
  void writesTheApiLatencyHistogramWithSortedLabelsAndSecondsAsDecimals() {
    metrics.api().record("PUT", 201, 1_500_000);
    metrics.api().record("GET", 404, 2_000_000_000L);

    assertThat(metrics.scrape())
        .contains(
            "skerry_hub_api_requests_total{code=\"4xx\",method=\"GET\"} 1\n"
                + "skerry_hub_api_requests_total{code=\"2xx\",method=\"PUT\"} 1\n")
        .contains("# TYPE skerry_hub_api_request_seconds histogram\n")
        .contains("skerry_hub_api_request_seconds_bucket{le=\"0.005\"} 1\n")
        .contains("skerry_hub_api_request_seconds_bucket{le=\"1.0\"} 1\n")
        .contains("skerry_hub_api_request_seconds_bucket{le=\"2.5\"} 2\n")
        .contains("skerry_hub_api_request_seconds_bucket{le=\"+Inf\"} 2\n")
        .contains("skerry_hub_api_request_seconds_sum 2.0015\n")
        .contains("skerry_hub_api_request_seconds_count 2\n");
  }
}
