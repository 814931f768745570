package dev.skerry.hub.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** YAML's aliases and tags: no billion laughs, no object of a type the document names. */
class YamlBombTest {
  static String billionLaughs() {
    StringBuilder yaml = new StringBuilder("a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for (int i = 1; i <= 9; i++) {
      yaml.append("a").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 9; j++) {
        yaml.append(j == 0 ? "" : ",").append("*a").append(i - 1);
      }
      yaml.append("]\n");
    }
    return yaml.append("name: web\nworkloads: *a9\n").toString();
  }

  @Test
  @Timeout(5)
  void refusesABillionLaughsDocumentQuickly() {
    assertThatThrownBy(
            () -> DeploymentParser.parse(billionLaughs().getBytes(StandardCharsets.UTF_8), true))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(
            e ->
                assertThat(((InvalidInputException) e).details())
                    .anyMatch(d -> d.contains("aliases (*a0)")));
  }

  @Test
  void refusesAnAliasRatherThanReadingItAsTheAnchorsName() {
    // Jackson alone reads "image: *img" as image "img": a deployment of another image.
    String yaml =
        "name: web\nworkloads:\n  - name: web\n    image: &img nginx:1.27\n"
            + "  - name: api\n    image: *img\n";

    assertThatThrownBy(() -> DeploymentParser.parse(yaml.getBytes(StandardCharsets.UTF_8), true))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("line 6");
  }

  @Test
  void acceptsTheCoreSchemasOwnTags() {
    String yaml =
        "name: !!str web\nselector:\n  matchLabels: {site: north}\nworkloads:\n  - name: web\n    image: nginx:1.27\n";

    assertThat(DeploymentParser.parse(yaml.getBytes(StandardCharsets.UTF_8), true).name())
        .isEqualTo("web");
  }

  @Test
  @Timeout(5)
  void readsACustomTagAsPlainDataNeverAsAJavaObject() {
    String yaml =
        "name: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL"
            + " [\"http://127.0.0.1:1/\"]]]]\nworkloads: []\n";

    assertThatThrownBy(() -> DeploymentParser.parse(yaml.getBytes(StandardCharsets.UTF_8), true))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(
            e ->
                assertThat(((InvalidInputException) e).details())
                    .anyMatch(d -> d.contains("tags such as")));
  }
}
