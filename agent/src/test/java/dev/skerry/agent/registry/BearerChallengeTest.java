package dev.skerry.agent.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BearerChallengeTest {
  @Test
  void parsesDockerHubsChallenge() {
    BearerChallenge c =
        BearerChallenge.parse(
            "Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\","
                + "scope=\"repository:library/busybox:pull\"");

    assertThat(c)
        .isEqualTo(
            new BearerChallenge(
                "https://auth.docker.io/token",
                "registry.docker.io",
                "repository:library/busybox:pull"));
  }

  @Test
  void acceptsUnquotedValuesSpacesAndMissingScope() {
    BearerChallenge c = BearerChallenge.parse("bearer realm=https://t.example/auth, service=reg");

    assertThat(c).isEqualTo(new BearerChallenge("https://t.example/auth", "reg", null));
  }

  @Test
  void ignoresOtherSchemesAndChallengesWithoutRealm() {
    assertThat(BearerChallenge.parse("Basic realm=\"x\"")).isNull();
    assertThat(BearerChallenge.parse("Bearer service=\"x\"")).isNull();
    assertThat(BearerChallenge.parse(null)).isNull();
  }
}
