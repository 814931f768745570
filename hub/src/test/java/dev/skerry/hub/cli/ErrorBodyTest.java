package dev.skerry.hub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class ErrorBodyTest {
  private static final HubSettings NO_TOKEN =
      new HubSettings(URI.create("http://h:1"), null, "default", "none");
  private static final HubSettings WITH_TOKEN =
      new HubSettings(URI.create("http://h:1"), "t", "default", "SKERRY_TOKEN");

  @Test
  void takesMessageAndDetailsFromTheContractShape() {
    String body =
        """
        {"error":{"code":"invalid","message":"deployment web is invalid","details":[
          "workloads[0].image is empty",
          {"field":"selector","message":"must not be empty"},
          {"message":"no path"},
          {"other":1}]}}""";

    CliException e = ErrorBody.toException(400, body, WITH_TOKEN);

    assertThat(e.exitCode()).isEqualTo(CliException.API_ERROR);
    assertThat(e).hasMessage("deployment web is invalid");
    assertThat(e.details())
        .containsExactly(
            "workloads[0].image is empty",
            "selector: must not be empty",
            "no path",
            "{\"other\":1}");
    assertThat(e.hint()).isNull();
  }

  @Test
  void fallsBackToStatusAndASnippetOfAnyOtherBody() {
    CliException e = ErrorBody.toException(502, "<html>" + "x".repeat(300), NO_TOKEN);

    assertThat(e.getMessage()).startsWith("the hub answered HTTP 502: <html>xxx").endsWith("...");
    assertThat(e.getMessage()).hasSize("the hub answered HTTP 502: ".length() + 203);
  }

  @Test
  void hintsAtTheTokenOn401() {
    assertThat(ErrorBody.toException(401, "", NO_TOKEN).hint()).startsWith("no token was given");
    assertThat(ErrorBody.toException(401, "", WITH_TOKEN).hint())
        .isEqualTo("the hub rejected the token from SKERRY_TOKEN");
  }
}
