package io.snakepit.node.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TextTableTest {

  @Test
  void columnsAreAsWideAsTheirWidestCell() {
    TextTable table = new TextTable("NAME", "STREAMING", "DESCRIPTION").row("add", "no", "Adds.");
    table.row("count_up_to", "yes", "");

    assertThat(table.lines())
        .containsExactly(
            "NAME         STREAMING  DESCRIPTION",
            "add          no         Adds.",
            "count_up_to  yes");
  }

  @Test
  void aRowMustFillEveryColumn() {
    TextTable table = new TextTable("A", "B");

    assertThatThrownBy(() -> table.row("only one")).isInstanceOf(IllegalArgumentException.class);
  }
}
