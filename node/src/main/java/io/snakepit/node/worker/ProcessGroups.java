package io.snakepit.node.worker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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

  /**
   * SIGKILLs the members of group {@code groupId} whose environment marks them as started in run
   * {@code runId}: what a worker's tools left when the worker itself died. The group id may have
   * been the number of another process since, but then its members carry no such mark.
   *
   * @return the processes killed
   */
  static List<ProcessHandle> killMembersOfRun(long groupId, String runId) {
    String mark = PythonProcess.RUN_ID_VARIABLE + "=" + runId;
    List<ProcessHandle> marked =
        members(groupId).stream()
            .filter(member -> environment(member.pid()).contains(mark))
            .toList();
    marked.forEach(ProcessHandle::destroyForcibly);
    return marked;
  }

  static List<ProcessHandle> members(long groupId) {
    try (Stream<Path> entries = Files.list(PROC)) {
      return entries
          .map(path -> path.getFileName().toString())
          .filter(name -> name.chars().allMatch(Character::isDigit))
          .filter(pid -> groupOf(pid).equals(OptionalLong.of(groupId)))
          .map(pid -> ProcessHandle.of(Long.parseLong(pid)))
          .flatMap(Optional::stream)
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /** The environment a process started with, or nothing when it is gone or not readable. */
  private static List<String> environment(long pid) {
    try {
      byte[] entries = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("environ"));
      return List.of(new String(entries, StandardCharsets.UTF_8).split("\0"));
    } catch (IOException e) {
      return List.of();
    }
  }

  /**
   * False once a process is gone or a zombie: dead, and only waiting for its parent to collect its
   * status, which an orphan's reaper (a container's init) may never do.
   */
  static boolean isRunning(long pid) {
    return stat(Long.toString(pid)).map(fields -> !fields[0].equals("Z")).orElse(false);
  }

  private static OptionalLong groupOf(String pid) {
    try {
      return stat(pid)
          .map(fields -> OptionalLong.of(Long.parseLong(fields[2])))
          .orElse(OptionalLong.empty());
    } catch (RuntimeException e) {
      return OptionalLong.empty(); // not a stat line we can read: not ours to kill
    }
  }

  /** The fields of /proc/PID/stat after the command name: state, ppid, pgrp, ... */
  private static Optional<String[]> stat(String pid) {
    try {
      String stat = Files.readString(PROC.resolve(pid).resolve("stat"), StandardCharsets.US_ASCII);
      // The command name may itself hold spaces and parentheses.
      return Optional.of(stat.substring(stat.lastIndexOf(')') + 2).split(" "));
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // gone, or not readable: not ours to kill
    }
  }
}
