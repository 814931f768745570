package dev.skerry.hub.api;

import dev.skerry.testsupport.fuzz.Fuzz;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Mutated device-list query strings, split as Vert.x splits them: bad ones are refused with one
 * {@link ApiError}, nothing else escapes.
 */
class DeviceListParamsFuzzTest {
  @Test
  @Timeout(60)
  void refusesMutatedQueryParametersOnlyWithAnApiError() {
    Fuzz.parser("device list query")
        .seeds(
            "labelSelector=site=north,!gpu,arch!=arm&state=online&limit=100",
            "continue=v1:cGktMDE&limit=1",
            "labelSelector=a==b,c&state=offline&limit=1000&continue=v1:")
        .dictionary(List.of("&", "=", ",", "!", "!=", "==", "v1:", "limit=", "%", "-1", "state="))
        .allowing(ApiError.class)
        .inputs(50_000)
        .run(query -> DeviceListParams.parse(split(new String(query, StandardCharsets.UTF_8))));
  }

  static Map<String, List<String>> split(String query) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      params.computeIfAbsent(name, k -> new java.util.ArrayList<>()).add(value);
    }
    return params;
  }
}
