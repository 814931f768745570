package dev.skerry.hub.cli;

import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.PUT;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How skerryctl reads a command line (picocli underneath), through the main entry. */
class CommandLineParsingTest {
  private FakeHub hub;
  private Cli cli;

  @BeforeEach
  void start() throws Exception {
    hub = new FakeHub();
    hub.on(GET, "/api/v1/devices", 200, "{\"items\":[" + Fixtures.PI_01 + "]}")
        .on(GET, "/api/v1/devices/pi-01", 200, Fixtures.PI_01)
        .on(PUT, "/api/v1/devices/pi-01/labels", 200, Fixtures.PI_01);
    cli = new Cli("http://127.0.0.1:1").env("SKERRY_TOKEN", FakeHub.TOKEN);
  }

  @AfterEach
  void stop() throws Exception {
    hub.close();
  }

  @Test
  void takesTheGlobalFlagsBeforeOrAfterTheCommand() {
    Cli.Result before = cli.run("--hub", hub.url(), "get", "devices", "-l", "site=berlin");
    Cli.Result after = cli.run("get", "--hub=" + hub.url(), "devices", "-lsite=berlin");

    assertThat(before.code()).as(before.err()).isZero();
    assertThat(after.out()).isEqualTo(before.out()).contains("pi-01");
  }

  @Test
  void acceptsAValueInEveryForm() throws Exception {
    for (String[] o : new String[][] {{"-o", "json"}, {"-o=json"}, {"-ojson"}, {"--output=json"}}) {
      String[] args = new String[3 + o.length];
      args[0] = "get";
      args[1] = "devices";
      args[2] = "--hub=" + hub.url();
      System.arraycopy(o, 0, args, 3, o.length);

      Cli.Result r = cli.run(args);

      assertThat(r.code()).as(String.join(" ", args) + ": " + r.err()).isZero();
      assertThat(Json.JSON.readTree(r.out()).path("items")).hasSize(1);
    }
  }

  @Test
  void letsALaterFlagOverrideAnEarlierOne() throws IOException {
    String nowhere;
    try (ServerSocket s = new ServerSocket(0)) {
      nowhere = "http://127.0.0.1:" + s.getLocalPort();
    }

    Cli.Result r =
        cli.run("--hub", nowhere, "get", "devices", "--hub", hub.url(), "-o", "x", "-o", "json");

    assertThat(r.code()).as(r.err()).isZero();
  }

  @Test
  void treatsWordsAfterDoubleDashAsArguments() {
    Cli.Result r = cli.run("label", "--hub", hub.url(), "device", "pi-01", "--", "-weird=x");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(hub.changes())
        .singleElement()
        .satisfies(put -> assertThat(put.body()).contains("-weird"));
  }

  @Test
  void takesAWordStartingWithAtAsItIs() {
    Cli.Result r = cli.run("get", "--hub", hub.url(), "device", "@pi-01");

    assertThat(r.code()).isEqualTo(1);
    assertThat(hub.requests().get(0).path()).isEqualTo("/api/v1/devices/%40pi-01");
  }

  @Test
  void rejectsAnUnknownFlag() {
    Cli.Result r = cli.run("get", "devices", "--watch");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo("error: unknown flag --watch\nhint: run 'skerryctl --help' for the flags\n");
  }

  @Test
  void rejectsAFlagWithoutItsValue() {
    Cli.Result r = cli.run("get", "devices", "-o");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("error: flag -o, --output needs a value\n");
  }

  @Test
  void rejectsACommandsFlagBeforeTheCommand() {
    Cli.Result r = cli.run("-o", "json", "get", "devices");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("error: flag -o, --output is not valid before the command\n");
  }

  @Test
  void rejectsAnArgumentACommandDoesNotTake() {
    Cli.Result r = cli.run("apply", "-f", "x.yaml", "extra");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo("error: unexpected argument 'extra'\nhint: run 'skerryctl help apply'\n");
  }

  @Test
  void printsHelpForAHelpFlagAnywhere() {
    Cli.Result before = cli.run("-h", "get");
    Cli.Result after = cli.run("get", "devices", "--help");

    assertThat(before.code()).isZero();
    assertThat(before.out()).startsWith("Usage: skerryctl get devices|deployments");
    assertThat(after.out()).isEqualTo(before.out());
    assertThat(hub.requests()).isEmpty();
  }
}
