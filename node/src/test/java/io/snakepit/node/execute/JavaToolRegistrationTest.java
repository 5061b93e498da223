package io.snakepit.node.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.snakepit.api.v1.ToolInfo;
import io.snakepit.node.tools.JavaTool;
import java.util.List;
import org.junit.jupiter.api.Test;

class JavaToolRegistrationTest {

  private static JavaTool named(String name) {
    return JavaTool.of(name, "a tool named " + name, call -> name);
  }

  @Test
  void toolsAreDescribedAsThePoolJavaInTheOrderRegistered() {
    List<ToolInfo> described = new JavaTools(List.of(named("b"), named("a"))).describe();

    assertThat(described).extracting(ToolInfo::getName).containsExactly("b", "a");
    assertThat(described).extracting(ToolInfo::getPool).containsOnly("java");
    assertThat(described.get(0).getParametersSchema()).isEqualTo("{\"type\": \"object\"}");
    assertThat(described.get(0).getStreaming()).isFalse();
  }

  @Test
  void twoToolsOfOneNameOrAToolWithoutNameAreRefused() {
    assertThatThrownBy(() -> new JavaTools(List.of(named("x"), named("x"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("two Java tools are named 'x'");
    assertThatThrownBy(() -> new JavaTools(List.of(named(" "))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs a name");
  }
}
