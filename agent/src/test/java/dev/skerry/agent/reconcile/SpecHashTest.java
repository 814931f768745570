package dev.skerry.agent.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skerry.core.wire.WorkloadSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecHashTest {
  private static WorkloadSpec spec(String image, Map<String, String> env, List<String> args) {
    return new WorkloadSpec("web", image, null, args, env, null, null, null, null, null);
  }

  @Test
  void isSixteenHexDigits() {
    assertThat(SpecHash.of(spec("a:1", null, null))).matches("[0-9a-f]{16}");
  }

  @Test
  void ignoresTheOrderOfEnvEntries() {
    Map<String, String> ab = new LinkedHashMap<>();
    ab.put("A", "1");
    ab.put("B", "2");
    Map<String, String> ba = new LinkedHashMap<>();
    ba.put("B", "2");
    ba.put("A", "1");
    assertThat(SpecHash.of(spec("a:1", ab, null))).isEqualTo(SpecHash.of(spec("a:1", ba, null)));
  }

  @Test
  void changesWithTheImageTheEnvAndTheArgs() {
    String base = SpecHash.of(spec("a:1", Map.of("A", "1"), List.of("x")));
    assertThat(SpecHash.of(spec("a:2", Map.of("A", "1"), List.of("x")))).isNotEqualTo(base);
    assertThat(SpecHash.of(spec("a:1", Map.of("A", "2"), List.of("x")))).isNotEqualTo(base);
    assertThat(SpecHash.of(spec("a:1", Map.of("A", "1"), List.of("y")))).isNotEqualTo(base);
  }
}
