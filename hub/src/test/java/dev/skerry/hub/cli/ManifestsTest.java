package dev.skerry.hub.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestsTest {

  @Test
  void splitsYamlDocumentsAndSendsEachAsWritten() {
    String text =
        """
        # two deployments
        ---
        name: web
        workloads: [{name: web, image: "a:1"}]
        ---
        name: db   # the database
        workloads: []
        """;

    List<Manifests.Manifest> ms = Manifests.parse("all.yaml", text);

    assertThat(ms).extracting(Manifests.Manifest::name).containsExactly("web", "db");
    assertThat(ms).extracting(Manifests.Manifest::contentType).containsOnly(Manifests.YAML);
    assertThat(ms.get(1).body()).isEqualTo("name: db   # the database\nworkloads: []\n\n");
    assertThat(ms.get(1).origin()).isEqualTo("all.yaml document 3");
  }

  @Test
  void readsJsonObjectsAndArrays() {
    List<Manifests.Manifest> ms =
        Manifests.parse("x.json", "[{\"name\":\"a\"},{\"name\":\"b\",\"workloads\":[]}]");

    assertThat(ms).extracting(Manifests.Manifest::name).containsExactly("a", "b");
    assertThat(ms.get(1).body()).isEqualTo("{\"name\":\"b\",\"workloads\":[]}");
    assertThat(ms).extracting(Manifests.Manifest::contentType).containsOnly(Manifests.JSON);
  }

  @Test
  void choosesTheFormatByExtensionThenByContent() {
    assertThat(Manifests.contentType("a.yml", "{}")).isEqualTo(Manifests.YAML);
    assertThat(Manifests.contentType("a.JSON", "name: x")).isEqualTo(Manifests.JSON);
    assertThat(Manifests.contentType("stdin", "  \n{\"name\":\"x\"}")).isEqualTo(Manifests.JSON);
    assertThat(Manifests.contentType("stdin", "name: x")).isEqualTo(Manifests.YAML);
  }

  @Test
  void rejectsDocumentsWithoutANameSayingWhichOne() {
    assertThatThrownBy(() -> Manifests.parse("d.yaml", "name: a\n---\nworkloads: []\n"))
        .isInstanceOfSatisfying(
            CliException.class, e -> assertThat(e.exitCode()).isEqualTo(CliException.API_ERROR))
        .hasMessage("d.yaml document 2 has no \"name\"");
  }

  @Test
  void rejectsMalformedInput() {
    assertThatThrownBy(() -> Manifests.parse("x.json", "{\"name\":"))
        .hasMessageStartingWith("x.json is not valid JSON");
    assertThatThrownBy(() -> Manifests.parse("x.yaml", "name: [unclosed\n"))
        .hasMessageStartingWith("x.yaml is not valid YAML");
    assertThatThrownBy(() -> Manifests.parse("x.yaml", "- a\n- b\n"))
        .hasMessage("x.yaml is not a deployment (a mapping with a name)");
    assertThatThrownBy(() -> Manifests.parse("empty.yaml", "# nothing\n---\n"))
        .hasMessage("empty.yaml holds no deployment");
  }
}
