package io.snakepit.chaos.edn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EdnReaderTest {

  @Test
  void readsTheFormsJepsenHistoriesUse() {
    List<Object> forms =
        EdnReader.readAll(
            "; a comment\n[{:process 4, :type :ok, :value [1 -2]} (:a nil) #{3} \"q\\\"uote\" true"
                + " 2.5]");

    assertThat(forms).hasSize(1);
    @SuppressWarnings("unchecked")
    List<Object> vector = (List<Object>) forms.get(0);
    assertThat(vector.get(0))
        .isEqualTo(
            Map.of(
                Keyword.of("process"), 4L,
                Keyword.of("type"), Keyword.of("ok"),
                Keyword.of("value"), List.of(1L, -2L)));
    assertThat(vector.get(1)).isEqualTo(Arrays.asList(Keyword.of("a"), null));
    assertThat(vector.subList(2, 6)).containsExactly(Set.of(3L), "q\"uote", true, 2.5);
  }

  @Test
  void readsSeveralTopLevelForms() {
    assertThat(EdnReader.readAll("{:a 1}\n{:a 2}\n")).hasSize(2);
  }

  @Test
  void mapsMayHoldNil() {
    @SuppressWarnings("unchecked")
    Map<Object, Object> map = (Map<Object, Object>) EdnReader.readAll("{:value nil}").get(0);
    assertThat(map).containsEntry(Keyword.of("value"), null);
  }

  @Test
  void reportsTheLineOfUnsupportedForms() {
    assertThatThrownBy(() -> EdnReader.readAll("[1\n 2\n #inst \"2020\"]"))
        .isInstanceOf(EdnException.class)
        .hasMessageStartingWith("line 3:");
    assertThatThrownBy(() -> EdnReader.readAll("[1 foo]")).hasMessageContaining("foo");
    assertThatThrownBy(() -> EdnReader.readAll("[1 2")).hasMessageContaining("missing ']'");
    assertThatThrownBy(() -> EdnReader.readAll("(1]")).hasMessageContaining("unexpected ']'");
  }

  @Test
  void writerOutputReadsBackEqual() {
    Object value =
        List.of(
            Map.of(Keyword.of("k"), Arrays.asList(1L, null)), Set.of("a\\b\n\"c\""), false, -7L);

    assertThat(EdnReader.readAll(EdnWriter.write(value))).containsExactly(value);
  }
}
