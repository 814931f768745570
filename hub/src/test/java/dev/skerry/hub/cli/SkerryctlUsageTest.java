package dev.skerry.hub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Usage, help and version: nothing here may need a hub (the default hub URL has none). */
class SkerryctlUsageTest {
  private static final List<String> COMMANDS =
      List.of(
          "get",
          "describe",
          "apply",
          "delete",
          "label",
          "rollout",
          "create",
          "revoke",
          "approve",
          "completion",
          "version",
          "help");

  private final Cli cli = new Cli("http://127.0.0.1:1");

  @Test
  void printsHelpListingEveryCommand() {
    for (String[] args : new String[][] {{}, {"--help"}, {"help"}, {"-h"}}) {
      Cli.Result r = cli.run(args);

      assertThat(r.code()).isZero();
      assertThat(r.out()).contains("Usage: skerryctl COMMAND");
      for (String c : COMMANDS) {
        assertThat(r.out()).contains("  " + c + " ");
      }
    }
  }

  @Test
  void printsACommandsHelpEitherWay() {
    Cli.Result viaHelp = cli.run("help", "apply");
    Cli.Result viaFlag = cli.run("apply", "--help");

    assertThat(viaHelp.code()).isZero();
    assertThat(viaHelp.out()).contains("Usage: skerryctl apply -f FILE");
    assertThat(viaFlag.out()).isEqualTo(viaHelp.out());
  }

  @Test
  void printsItsVersion() {
    Cli.Result r = cli.run("version");

    assertThat(r.code()).isZero();
    assertThat(r.out()).matches("skerryctl \\S+\n");
  }

  @Test
  void suggestsTheNearestCommandForATypo() {
    Cli.Result r = cli.run("descibe", "device", "x");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "error: unknown command 'descibe'\n"
                + "hint: did you mean 'describe'? run 'skerryctl --help' for the commands\n");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void rejectsAFlagTheCommandDoesNotTake() {
    Cli.Result r = cli.run("delete", "deployment", "web", "-o", "json");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("error: flag -o, --output is not valid for delete\n");
  }

  @Test
  void rejectsMistakesBeforeContactingTheHub() {
    assertThat(cli.run("get", "pods").code()).isEqualTo(2);
    assertThat(cli.run("get", "devices", "-o", "xml").err())
        .contains("unknown output format 'xml'")
        .contains("hint: use -o wide|json|yaml");
    assertThat(cli.run("get", "deployments", "-l", "a=b").code()).isEqualTo(2);
    assertThat(cli.run("get", "devices", "pi-01", "-l", "a=b").code()).isEqualTo(2);
    assertThat(cli.run("delete", "device", "pi-01").code()).isEqualTo(2);
    assertThat(cli.run("rollout", "restart", "web").code()).isEqualTo(2);
    assertThat(cli.run("rollout", "pause", "web", "-o", "json").code()).isEqualTo(2);
    assertThat(cli.run("apply").err()).startsWith("error: apply needs -f FILE");
    assertThat(cli.run("help", "nope").code()).isEqualTo(2);
  }

  @Test
  void reportsAnUnreadableFileWithExitCode1AndNoStackTrace() {
    Cli.Result r = cli.run("apply", "-f", "/nonexistent/web.yaml");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("error: cannot read /nonexistent/web.yaml: no such file\n");
  }
}
