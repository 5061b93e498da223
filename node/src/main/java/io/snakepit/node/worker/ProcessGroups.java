package io.snakepit.node.worker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Finds and kills what is left of a worker's process group: processes a tool started. A worker
 * leads its own group (the Python runtime sets it up), so the group's id is the worker's pid. Linux
 * only: it reads {@code /proc}.
 */
final class ProcessGroups {

  private static final Path PROC = Path.of("/proc");

  private ProcessGroups() {}

  /**
   * SIGKILLs the members of group {@code groupId} that started no later than {@code notAfter}: a
   * process that reused the number after the worker died started later and is spared.
   */
  static void killMembers(long groupId, Instant notAfter) {
    for (ProcessHandle member : members(groupId)) {
      boolean startedInTime =
          member.info().startInstant().map(start -> !start.isAfter(notAfter)).orElse(false);
      if (startedInTime) {
        member.destroyForcibly();
      }
    }
  }

  static List<ProcessHandle> members(long groupId) {
    try (Stream<Path> entries = Files.list(PROC)) {
      return entries
          .map(path -> path.getFileName().toString())
          .filter(name -> name.chars().allMatch(Character::isDigit))
          .filter(pid -> groupOf(pid).equals(OptionalLong.of(groupId)))
          .map(pid -> ProcessHandle.of(Long.parseLong(pid)))
          .flatMap(java.util.Optional::stream)
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static OptionalLong groupOf(String pid) {
    try {
      String stat = Files.readString(PROC.resolve(pid).resolve("stat"), StandardCharsets.US_ASCII);
      // Fields after the command name, which may itself hold spaces and parentheses:
      // state, ppid, pgrp, ...
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return OptionalLong.of(Long.parseLong(fields[2]));
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty(); // gone, or not readable: not ours to kill
    }
  }
}
