package dev.skerry.agent.registry;

import dev.skerry.testsupport.fuzz.Fuzz;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Mutated {@code WWW-Authenticate} challenges from a registry: parsed or null, never a throw. */
class RegistryAnswersFuzzTest {
  @Test
  @Timeout(60)
  void parsesMutatedBearerChallengesWithoutThrowing() {
    Fuzz.parser("bearer challenge")
        .seeds(
            "Bearer realm=\"https://auth.example/token\",service=\"registry.example\","
                + "scope=\"repository:app:pull\"",
            "bearer realm=https://a/t, scope=\"x\"",
            "Basic realm=\"x\"")
        .dictionary(List.of("\"", ",", "=", " ", "\\", "realm=", "scope=", "service=", "Bearer "))
        .allowing()
        .inputs(50_000)
        .run(header -> BearerChallenge.parse(new String(header, StandardCharsets.UTF_8)));
  }
}
