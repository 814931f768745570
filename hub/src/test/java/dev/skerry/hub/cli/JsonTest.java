package dev.skerry.hub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void yamlOutputReadsBackAsTheSameTypes() throws Exception {
    JsonNode node =
        Fixtures.json(
            """
            {"args":["8080","1.5","true","no","null","~","-","a: b","#x"],
             "name":"web","port":8080,"b":true,"z":null,"e":""}""");

    String yaml = Json.yaml(node);

    assertThat(yaml).doesNotStartWith("---").contains("name: web\n", "port: 8080\n");
    assertThat(Json.yamlMapper().readTree(yaml)).isEqualTo(node);
  }

  @Test
  void labelsAreSortedKeyValuePairs() {
    assertThat(Json.labels(Json.sorted(java.util.Map.of("b", "2", "a", "1")), "-"))
        .isEqualTo("a=1,b=2");
    assertThat(Json.labels(Json.sorted(null), "<none>")).isEqualTo("<none>");
  }
}
