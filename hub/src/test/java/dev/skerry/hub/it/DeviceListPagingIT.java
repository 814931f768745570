package dev.skerry.hub.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skerry.hub.store.DeviceRecord;
import dev.skerry.hub.store.SqliteHubStore;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/v1/devices} with filters and paging over HTTP on a hub whose SQLite file holds
 * 10,000 devices. Prints the time to page through them; asserts only what comes back.
 */
class DeviceListPagingIT {
  private static final int DEVICES = 10_000;

  @TempDir Path dataDir;

  @Test
  void pagesThroughTenThousandDevicesAndFiltersByLabelsAndState() {
    try (SqliteHubStore store = SqliteHubStore.open("jdbc:sqlite:" + dataDir.resolve("hub.db"))) {
      for (int i = 0; i < DEVICES; i++) {
        Map<String, String> labels =
            i % 100 == 0 ? Map.of("site", "north", "gpu", "yes") : Map.of("site", "south");
        store.putDevice(
            new DeviceRecord(
                String.format("dev-%05d", i),
                labels,
                Map.of(),
                i % 2 == 0,
                Instant.EPOCH,
                "1",
                0,
                0,
                0,
                null));
      }
    }
    try (TestHub hub = TestHub.embedded(dataDir)) {
      long t0 = System.nanoTime();
      List<String> ids = pageThrough(hub.api, "limit=500");
      long millis = (System.nanoTime() - t0) / 1_000_000;
      System.out.printf(
          "DeviceListPagingIT: %d devices in %d pages of 500 over HTTP in %d ms%n",
          ids.size(), DEVICES / 500, millis);
      assertThat(ids).hasSize(DEVICES).doesNotHaveDuplicates().isSorted();

      assertThat(pageThrough(hub.api, "limit=1000")).hasSize(DEVICES);
      assertThat(pageThrough(hub.api, "labelSelector=" + q("site=north,gpu") + "&limit=7"))
          .hasSize(100)
          .allMatch(id -> id.endsWith("00"));
      assertThat(pageThrough(hub.api, "labelSelector=" + q("site!=north,!gpu") + "&state=online"))
          .hasSize(4900); // 5000 online (even), minus the 100 in the north
      assertThat(pageThrough(hub.api, "state=offline&limit=1000")).hasSize(DEVICES / 2);

      Api.Reply bad = hub.api.get("/api/v1/devices?limit=5000&state=gone");
      assertThat(bad.status()).isEqualTo(400);
      assertThat(bad.body().path("error").path("code").asText()).isEqualTo("invalid");
      assertThat(bad.body().path("error").path("details")).hasSize(2);
    }
  }

  private static List<String> pageThrough(Api api, String query) {
    List<String> ids = new ArrayList<>();
    String token = null;
    do {
      String path = "/api/v1/devices?" + query + (token == null ? "" : "&continue=" + q(token));
      Api.Reply r = api.get(path);
      assertThat(r.status()).as(path).isEqualTo(200);
      for (JsonNode d : r.body().path("items")) {
        ids.add(d.path("id").asText());
      }
      token = r.body().hasNonNull("continue") ? r.body().path("continue").asText() : null;
    } while (token != null);
    return ids;
  }

  private static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
