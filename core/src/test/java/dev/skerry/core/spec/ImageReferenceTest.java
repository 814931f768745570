package dev.skerry.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageReferenceTest {
  private static final String DIGEST = "sha256:" + "ab".repeat(32);

  @ParameterizedTest
  @CsvSource({
    "busybox,                        docker.io,        library/busybox, latest",
    "busybox:1.36,                   docker.io,        library/busybox, 1.36",
    "someone/app:v1,                 docker.io,        someone/app,     v1",
    "localhost/app,                  localhost,        app,             latest",
    "localhost:5000/a/b/c:t_1,       localhost:5000,   a/b/c,           t_1",
    "registry.example:5000/app:1.2,  registry.example:5000, app,        1.2",
    "127.0.0.1:35002/skerry/busybox:1, 127.0.0.1:35002, skerry/busybox, 1",
    "ghcr.io/org/my-app__x.y:latest, ghcr.io,          org/my-app__x.y, latest",
  })
  void parsesTheDockerGrammarWithDefaults(String text, String registry, String repo, String tag) {
    ImageReference ref = ImageReference.parse(text);

    assertThat(ref.registry()).isEqualTo(registry);
    assertThat(ref.repository()).isEqualTo(repo);
    assertThat(ref.tag()).isEqualTo(tag);
    assertThat(ref.digest()).isNull();
    assertThat(ref.manifestReference()).isEqualTo(tag);
  }

  @Test
  void digestWinsOverTagWhenFetchingAndBothStayInTheName() {
    ImageReference ref = ImageReference.parse("r.example/app:1@" + DIGEST);

    assertThat(ref.tag()).isEqualTo("1");
    assertThat(ref.digest()).isEqualTo(DIGEST);
    assertThat(ref.manifestReference()).isEqualTo(DIGEST);
    assertThat(ref.canonical()).isEqualTo("r.example/app:1@" + DIGEST);
  }

  @Test
  void digestOnlyHasNoTag() {
    ImageReference ref = ImageReference.parse("busybox@" + DIGEST);

    assertThat(ref.tag()).isNull();
    assertThat(ref.canonical()).isEqualTo("docker.io/library/busybox@" + DIGEST);
  }

  @Test
  void dockerHubIsReachedThroughRegistry1() {
    assertThat(ImageReference.parse("busybox").endpointHost()).isEqualTo("registry-1.docker.io");
    assertThat(ImageReference.parse("q.example/x").endpointHost()).isEqualTo("q.example");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " busybox",
        "Busybox",
        "registry.example/App:1",
        "busybox:bad tag",
        "busybox:-dash",
        "busybox@sha256:abc",
        "busybox@md5:" + "a",
        "a//b",
        "reg.example/",
        "busybox:",
        "a--",
        "UPPER CASE::bad",
      })
  void rejectsMalformedReferencesSayingWhy(String text) {
    assertThatThrownBy(() -> ImageReference.parse(text))
        .isInstanceOf(ImageReference.InvalidImageReference.class)
        .hasMessageContaining("invalid image reference");
    assertThat(ImageReference.problem(text)).get().asString().contains("invalid image reference");
  }

  @Test
  void refusesTheExampleTheHubOnceTook() {
    assertThat(ImageReference.problem("UPPER CASE::bad")).isPresent();
    assertThat(ImageReference.problem("busybox:1.36")).isEmpty();
  }
}
