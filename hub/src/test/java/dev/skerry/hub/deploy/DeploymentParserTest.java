package dev.skerry.hub.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skerry.core.labels.LabelExpression;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeploymentParserTest {
  private static Deployment json(String text) {
    return DeploymentParser.parse(text.getBytes(StandardCharsets.UTF_8), false);
  }

  private static InvalidInputException failure(String text, boolean yaml) {
    try {
      DeploymentParser.parse(text.getBytes(StandardCharsets.UTF_8), yaml);
    } catch (InvalidInputException e) {
      return e;
    }
    throw new AssertionError("expected the deployment to be refused: " + text);
  }

  @Test
  void readsAFullDeploymentFromJson() {
    Deployment d =
        json(
            """
            {"name":"web","selector":{"matchLabels":{"site":"north"}},
             "workloads":[{"name":"nginx","image":"nginx:1.27","restartPolicy":"on-failure",
               "resources":{"memoryMiB":64,"cpus":0.5},"network":"host",
               "healthCheck":{"httpGet":{"port":80,"path":"/"},"periodSeconds":5}}],
             "strategy":{"type":"waves","waves":[10,50,100],"bakeSeconds":300}}
            """);

    assertThat(d.name()).isEqualTo("web");
    assertThat(d.selector().matchLabels()).containsEntry("site", "north");
    assertThat(d.workloads().get(0).resources().memoryMiB()).isEqualTo(64);
    assertThat(d.strategy().get("bakeSeconds").asInt()).isEqualTo(300);
  }

  @Test
  void refusesAStrategyWithAnUnknownFieldOrBadWaves() {
    assertThatThrownBy(
            () ->
                json(
                    """
                    {"name":"web","selector":{"matchLabels":{}},
                     "workloads":[{"name":"a","image":"a:1","updateStrategy":"sideways"}],
                     "strategy":{"type":"waves","waves":[10,50],"future":1}}
                    """))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.details())
                    .contains(
                        "workloads[0].updateStrategy: must be stop-first or start-first",
                        "strategy.future: unknown field",
                        "strategy.waves[1]: the last wave must be 100, or some devices would"
                            + " never be updated"));
  }

  @Test
  void readsYaml() {
    Deployment d =
        DeploymentParser.parse(
            """
            name: web
            selector:
              matchLabels: {site: north}
            workloads:
              - name: nginx
                image: nginx:1.27
            """
                .getBytes(StandardCharsets.UTF_8),
            true);

    assertThat(d.workloads()).hasSize(1);
  }

  @Test
  void readsMatchExpressionsFromYamlAndTheComposerUsesThem() {
    Deployment d =
        DeploymentParser.parse(
            """
            name: web
            selector:
              matchLabels: {site: north}
              matchExpressions:
                - {key: arch, operator: In, values: [arm64, armv7]}
                - {key: gpu, operator: DoesNotExist}
            workloads:
              - name: nginx
                image: nginx:1.27
            """
                .getBytes(StandardCharsets.UTF_8),
            true);

    assertThat(d.selector().matchExpressions())
        .containsExactly(
            new LabelExpression("arch", "In", List.of("arm64", "armv7")),
            new LabelExpression("gpu", "DoesNotExist", List.of()));
    assertThat(d.selector().matches(Map.of("site", "north", "arch", "arm64"))).isTrue();
    assertThat(d.selector().matches(Map.of("site", "north", "arch", "arm64", "gpu", "y")))
        .isFalse();
  }

  @Test
  void aSelectorWithoutExpressionsKeepsTheCanonicalFormItHadBefore() {
    Deployment d =
        json(
            """
            {"name":"web","selector":{"matchLabels":{"site":"north"}},
             "workloads":[{"name":"nginx","image":"nginx:1.27"}]}
            """);

    assertThat(CanonicalJson.write(d.selector()))
        .isEqualTo("{\"matchLabels\":{\"site\":\"north\"}}");
  }

  @Test
  void refusesAnUnknownFieldInAnExpression() {
    InvalidInputException e =
        failure(
            "{\"name\":\"web\",\"selector\":{\"matchExpressions\":[{\"key\":\"a\","
                + "\"operator\":\"In\",\"value\":[\"x\"]}]},"
                + "\"workloads\":[{\"name\":\"a\",\"image\":\"x\"}]}",
            false);

    assertThat(e.details()).containsExactly("selector.matchExpressions[0].value: unknown field");
  }

  @Test
  void listsEveryInvalidFieldWithItsPath() {
    InvalidInputException e =
        failure(
            """
            {"name":"Web_1","selector":{"matchLabels":{}},
             "workloads":[
               {"name":"a","image":"","restartPolicy":"sometimes","network":"bridge",
                "resources":{"memoryMiB":0,"cpus":-1}},
               {"name":"a","image":"x"}]}
            """,
            false);

    assertThat(e.code()).isEqualTo("invalid");
    assertThat(e.details())
        .containsExactlyInAnyOrder(
            "name: 'Web_1' must be 1-63 lower-case letters, digits or '-',"
                + " starting and ending with a letter or digit",
            "workloads[0].image: required",
            "workloads[0].restartPolicy: must be always, on-failure or never",
            "workloads[0].network: must be host or none",
            "workloads[0].resources.memoryMiB: must be > 0",
            "workloads[0].resources.cpus: must be > 0",
            "workloads[1].name: 'a' is used by an earlier workload");
  }

  @Test
  void refusesUnknownFieldsNamingThem() {
    InvalidInputException e =
        failure(
            """
            {"name":"web","selector":{"matchLabels":{}},
             "workloads":[{"name":"a","image":"x","resources":{"memoryMib":64}}]}
            """,
            false);

    assertThat(e.details()).containsExactly("workloads[0].resources.memoryMib: unknown field");
  }

  @Test
  void refusesAWrongTypeNamingTheField() {
    InvalidInputException e =
        failure(
            "{\"name\":\"web\",\"selector\":{},\"workloads\":[{\"name\":\"a\",\"image\":\"x\","
                + "\"resources\":{\"memoryMiB\":\"lots\"}}]}",
            false);

    assertThat(e.details())
        .singleElement()
        .asString()
        .startsWith("workloads[0].resources.memoryMiB: wrong type");
  }

  @Test
  void malformedJsonSaysWhere() {
    InvalidInputException e = failure("{\"name\": \"web\",\n  \"selector\": {", false);

    assertThat(e.code()).isEqualTo("malformed");
    assertThat(e.getMessage()).contains("not valid JSON at line 2");
  }

  @Test
  void malformedYamlSaysWhere() {
    InvalidInputException e = failure("name: web\nselector: [a\n", true);

    assertThat(e.code()).isEqualTo("malformed");
    assertThat(e.getMessage()).contains("not valid YAML at line");
  }

  @Test
  void requiresSelectorAndWorkloads() {
    InvalidInputException e = failure("{\"name\":\"web\"}", false);

    assertThat(e.details())
        .containsExactly(
            "selector: required (use {\"matchLabels\":{}} to target every device)",
            "workloads: must list at least one workload");
  }

  @Test
  void aHealthCheckNeedsExactlyOneProbe() {
    assertThatThrownBy(
            () ->
                json(
                    "{\"name\":\"w\",\"selector\":{},\"workloads\":[{\"name\":\"a\",\"image\":\"x\","
                        + "\"healthCheck\":{\"periodSeconds\":5}}]}"))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.details())
                    .containsExactly(
                        "workloads[0].healthCheck: must set exactly one of exec, httpGet,"
                            + " tcpSocket (found none)"));
  }

  @Test
  void refusesWhatEveryAgentWouldRefuseWithTheFieldNamed() {
    InvalidInputException e =
        failure(
            """
            {"name":"web","selector":{"matchLabels":{"site-":"north"}},
             "workloads":[
               {"name":"a","image":"nginx:1.27","network":"none",
                "healthCheck":{"httpGet":{"port":80}}},
               {"name":"b","image":"UPPER CASE::bad"}]}
            """,
            false);

    assertThat(e.code()).isEqualTo("invalid");
    assertThat(e.details())
        .containsExactlyInAnyOrder(
            "selector.matchLabels: 'site-' is not a label key: the name must be at most 63"
                + " letters, digits, '-', '_' or '.', starting and ending with a letter or digit",
            "workloads[0].healthCheck.httpGet: needs network host (use exec)",
            "workloads[1].image: invalid image reference 'UPPER CASE::bad': repository path"
                + " component 'UPPER CASE:' must be lower-case letters, digits and single"
                + " separators");
  }
}
