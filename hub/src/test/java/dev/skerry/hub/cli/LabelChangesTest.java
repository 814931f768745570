package dev.skerry.hub.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelChangesTest {

  @Test
  void readsSetsAndRemovalsInOrder() {
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("site", "berlin");
    expected.put("tier", null);
    expected.put("note", "");
    expected.put("url", "a=b");

    assertThat(LabelCommand.changes(List.of("site=berlin", "tier-", "note=", "url=a=b")))
        .containsExactlyEntriesOf(expected);
  }

  @Test
  void rejectsWordsThatAreNeitherSetNorRemove() {
    assertThatThrownBy(() -> LabelCommand.changes(List.of("site")))
        .hasMessage("invalid label change 'site'");
    assertThatThrownBy(() -> LabelCommand.changes(List.of("=x")))
        .hasMessage("invalid label change '=x'");
    assertThatThrownBy(() -> LabelCommand.changes(List.of("a=1", "a-")))
        .hasMessage("label 'a' is changed twice");
    assertThatThrownBy(() -> LabelCommand.changes(List.of())).hasMessage("no label changes given");
  }
}
