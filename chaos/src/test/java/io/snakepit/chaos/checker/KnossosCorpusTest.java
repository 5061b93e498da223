package io.snakepit.chaos.checker;

import static org.assertj.core.api.Assertions.assertThat;

import io.snakepit.chaos.history.HistoryReader;
import io.snakepit.chaos.history.Operation;
import io.snakepit.chaos.history.Pairing;
import io.snakepit.chaos.model.CasRegister;
import io.snakepit.chaos.model.Model;
import io.snakepit.chaos.model.MultiRegister;
import io.snakepit.chaos.model.Semantics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every history of the Knossos corpus (see the corpus README) gets its published verdict under the
 * lenient semantics it was recorded with. The budget bounds a hung search, it is not a speed
 * assertion: the slowest file takes a small fraction of it.
 */
class KnossosCorpusTest {
  private static final Duration BUDGET = Duration.ofSeconds(30);
  private static final Long INITIAL = 0L;

  static Stream<Named<Path>> goodCasRegisters() {
    return named(files("cas-register/good"));
  }

  static Stream<Named<Path>> badCasRegisters() {
    return named(files("cas-register/bad"));
  }

  @Test
  void corpusIsComplete() {
    assertThat(goodCasRegisters()).hasSize(113);
    assertThat(badCasRegisters()).hasSize(7);
    assertThat(files("multi-register/good")).hasSize(1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goodCasRegisters")
  void goodCasRegisterHistoriesAreLinearizable(Path file) throws IOException {
    assertThat(check(file, new CasRegister(INITIAL, Semantics.LENIENT)).verdict())
        .isEqualTo(Verdict.LINEARIZABLE);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badCasRegisters")
  void badCasRegisterHistoriesAreNot(Path file) throws IOException {
    CheckResult result = check(file, new CasRegister(INITIAL, Semantics.LENIENT));
    assertThat(result.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
    assertThat(result.failure().orElseThrow().window())
        .contains(result.failure().orElseThrow().culprit());
  }

  @Test
  void multiRegisterHistoryIsLinearizable() throws IOException {
    Path file = corpus().resolve("multi-register/good/multi-register.edn");
    assertThat(check(file, new MultiRegister(INITIAL)).verdict()).isEqualTo(Verdict.LINEARIZABLE);
  }

  private static <S> CheckResult check(Path file, Model<S> model) throws IOException {
    List<Operation> operations = Pairing.pair(HistoryReader.read(file));
    return new LinearizabilityChecker(BUDGET).check(model, operations);
  }

  private static Stream<Named<Path>> named(Stream<Path> files) {
    return files.map(file -> Named.of(file.getFileName().toString(), file));
  }

  private static Stream<Path> files(String folder) {
    try (Stream<Path> listing = Files.list(corpus().resolve(folder))) {
      List<Path> files =
          listing
              .filter(path -> path.toString().endsWith(".edn"))
              .sorted()
              .collect(Collectors.toList());
      return files.stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Fails rather than skips when the corpus is missing: a skipped corpus proves nothing. */
  static Path corpus() {
    Path dir =
        Path.of(
            System.getProperty("snakepit.chaos.corpus", "../../shared/chaos-corpus"), "knossos");
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException(
          "the Knossos corpus is not at "
              + dir.toAbsolutePath().normalize()
              + "; set -Dsnakepit.chaos.corpus=DIR (the folder holding knossos/)");
    }
    return dir;
  }
}
