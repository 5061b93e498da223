package io.snakepit.chaos.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuntimeKindTest {

  private final List<String> printed = new ArrayList<>();

  @Test
  void autoChoosesContainersWhenAnEngineAnswers() {
    assertThat(RuntimeKind.AUTO.resolve(printed::add, () -> true, true))
        .isEqualTo(RuntimeKind.CONTAINERS);
    assertThat(printed).isEmpty();
  }

  @Test
  void outsideCiAutoFallsBackToProcessesWithAWarning() {
    assertThat(RuntimeKind.AUTO.resolve(printed::add, () -> false, false))
        .isEqualTo(RuntimeKind.PROCESSES);
    assertThat(printed).singleElement().asString().startsWith("WARNING: no Docker engine");
  }

  @Test
  void inCiAutoFailsWithoutAnEngineInsteadOfLeavingPartitionsUntested() {
    assertThatThrownBy(() -> RuntimeKind.AUTO.resolve(printed::add, () -> false, true))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("CI=true");
  }

  @Test
  void anExplicitRuntimeIsKeptWhateverTheEngine() {
    assertThat(RuntimeKind.PROCESSES.resolve(printed::add, () -> false, true))
        .isEqualTo(RuntimeKind.PROCESSES);
  }
}
