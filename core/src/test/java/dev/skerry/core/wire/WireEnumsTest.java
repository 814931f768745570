package dev.skerry.core.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WireEnumsTest {
  @Test
  void theWireNamesAreTheContractsNames() {
    assertThat(Arrays.stream(RestartPolicy.values()).map(RestartPolicy::wireName))
        .containsExactly("always", "on-failure", "never");
    assertThat(Arrays.stream(NetworkMode.values()).map(NetworkMode::wireName))
        .containsExactly("host", "none");
    assertThat(Arrays.stream(UpdateStrategy.values()).map(UpdateStrategy::wireName))
        .containsExactly("stop-first", "start-first");
    assertThat(Arrays.stream(WorkloadState.values()).map(WorkloadState::wireName))
        .containsExactly("pending", "pulling", "running", "exited", "failed");
    assertThat(Arrays.stream(RolloutState.values()).map(RolloutState::wireName))
        .containsExactly("progressing", "paused", "complete", "failed", "rolledback");
  }

  @Test
  void theyWriteAsTheirWireNamesAndParseBack() throws Exception {
    assertThat(WireJson.mapper().writeValueAsString(RestartPolicy.ON_FAILURE))
        .isEqualTo("\"on-failure\"");
    assertThat(UpdateStrategy.of("start-first")).contains(UpdateStrategy.START_FIRST);
    assertThat(NetworkMode.of("bridge")).isEmpty();
    assertThat(NetworkMode.of(null)).isEmpty();
  }

  @Test
  void aSpecStillWritesItsEnumeratedFieldsAsTheOperatorWroteThem() throws Exception {
    WorkloadSpec w =
        new WorkloadSpec("web", "nginx", null, null, null, "never", null, null, null, "none");
    assertThat(WireJson.mapper().writeValueAsString(w))
        .isEqualTo(
            "{\"name\":\"web\",\"image\":\"nginx\",\"restartPolicy\":\"never\",\"network\":\"none\"}");
    assertThat(w.restartPolicyMode()).isEqualTo(RestartPolicy.NEVER);
    WorkloadStatus status =
        new WorkloadStatus("web", "d", 1, "nginx", null, "running", 0, "unknown", null, null);
    assertThat(WireJson.mapper().writeValueAsString(status)).doesNotContain("stateMode");
    assertThat(status.stateMode()).contains(WorkloadState.RUNNING);
    assertThat(w.networkMode()).isEqualTo(NetworkMode.NONE);
    assertThat(w.updateStrategyMode()).isEqualTo(UpdateStrategy.STOP_FIRST);
  }

  @Test
  void thePublishedSchemaListsTheSameNames() throws Exception {
    JsonNode props;
    try (var in =
        WireEnumsTest.class.getResourceAsStream("/schemas/v1/workload-spec.schema.json")) {
      props = WireJson.mapper().readTree(in).get("properties");
    }
    assertThat(texts(props.get("restartPolicy").get("enum")))
        .containsExactlyElementsOf(
            Arrays.stream(RestartPolicy.values()).map(RestartPolicy::wireName).toList());
    assertThat(texts(props.get("network").get("enum")))
        .containsExactlyElementsOf(
            Arrays.stream(NetworkMode.values()).map(NetworkMode::wireName).toList());
    assertThat(texts(props.get("updateStrategy").get("enum")))
        .containsExactlyElementsOf(
            Arrays.stream(UpdateStrategy.values()).map(UpdateStrategy::wireName).toList());
  }

  private static java.util.List<String> texts(JsonNode array) {
    java.util.List<String> out = new java.util.ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
