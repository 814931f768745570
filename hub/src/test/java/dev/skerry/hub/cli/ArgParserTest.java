package dev.skerry.hub.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArgParserTest {

  @Test
  void separatesWordsFromFlagsWhereverTheFlagsStand() {
    ParsedArgs a = ArgParser.parse("--hub", "http://h:1", "get", "devices", "-l", "a=b", "pi-01");

    assertThat(a.words()).containsExactly("get", "devices", "pi-01");
    assertThat(a.value(Flag.HUB)).contains("http://h:1");
    assertThat(a.value(Flag.SELECTOR)).contains("a=b");
  }

  @Test
  void acceptsInlineValuesInEveryForm() {
    ParsedArgs a = ArgParser.parse("--output=json", "-lsite=x", "-f=a.yaml", "--token", "t");

    assertThat(a.value(Flag.OUTPUT)).contains("json");
    assertThat(a.value(Flag.SELECTOR)).contains("site=x");
    assertThat(a.value(Flag.FILENAME)).contains("a.yaml");
    assertThat(a.value(Flag.TOKEN)).contains("t");
  }

  @Test
  void keepsEveryValueOfARepeatedFlagAndTheLastWins() {
    ParsedArgs a = ArgParser.parse("apply", "-f", "a.yaml", "-f", "-", "-o", "json", "-o", "yaml");

    assertThat(a.values(Flag.FILENAME)).containsExactly("a.yaml", "-");
    assertThat(a.value(Flag.OUTPUT)).contains("yaml");
  }

  @Test
  void treatsALoneDashAndEverythingAfterDoubleDashAsWords() {
    ParsedArgs a = ArgParser.parse("label", "-", "--", "-h", "--hub");

    assertThat(a.words()).containsExactly("label", "-", "-h", "--hub");
    assertThat(a.flags()).isEmpty();
  }

  @Test
  void readsSwitchesWithoutConsumingTheNextWord() {
    ParsedArgs a = ArgParser.parse("-h", "get");

    assertThat(a.has(Flag.HELP)).isTrue();
    assertThat(a.words()).isEqualTo(List.of("get"));
  }

  @Test
  void rejectsUnknownFlagsAsUsageErrors() {
    assertThatThrownBy(() -> ArgParser.parse("get", "--watch"))
        .isInstanceOfSatisfying(
            CliException.class, e -> assertThat(e.exitCode()).isEqualTo(CliException.USAGE))
        .hasMessage("unknown flag --watch");
  }

  @Test
  void rejectsAFlagWithoutItsValue() {
    assertThatThrownBy(() -> ArgParser.parse("get", "devices", "-o"))
        .isInstanceOf(CliException.class)
        .hasMessage("flag -o needs a value");
  }

  @Test
  void rejectsAValueOnASwitch() {
    assertThatThrownBy(() -> ArgParser.parse("--help=yes"))
        .isInstanceOf(CliException.class)
        .hasMessage("flag --help takes no value");
  }
}
