package io.snakepit.chaos.runtime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A JVM of the running one's kind, on the tests' own classes, to run one of their mains. */
final class ChildJvm {

  private ChildJvm() {}

  static ProcessBuilder running(Class<?> main, String... arguments) {
    String classes =
        Path.of(main.getProtectionDomain().getCodeSource().getLocation().getPath()).toString();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-cp", classes, main.getName()));
    command.addAll(List.of(arguments));
    return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
  }
}
