package dev.skerry.hub.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {

  @Test
  void padsColumnsToTheWidestCellThreeSpacesApart() {
    String text =
        new Table(List.of("ID", "ONLINE"))
            .row(List.of("pi-01", "yes"))
            .row(List.of("x", "no"))
            .render();

    assertThat(text).isEqualTo("ID      ONLINE\npi-01   yes\nx       no\n");
  }

  @Test
  void showsEmptyCellsAsNoneAndFoldsLineBreaks() {
    String text = new Table(List.of("A", "B")).row(List.of("", "two\nlines")).render();

    assertThat(text).isEqualTo("A        B\n<none>   two lines\n");
  }

  @Test
  void refusesARowOfTheWrongWidth() {
    Table table = new Table(List.of("A", "B"));

    assertThatThrownBy(() -> table.row(List.of("1"))).isInstanceOf(IllegalArgumentException.class);
  }
}
