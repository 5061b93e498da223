package io.snakepit.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process's memory as the kernel accounts it in {@code /proc/PID/smaps_rollup}.
 *
 * @param ussKib unique set size: the pages only this process maps (Private_Clean + Private_Dirty),
 *     what its end would give back
 * @param pssKib proportional set size: its private pages plus its share of the pages it shares
 */
record ProcessMemory(long ussKib, long pssKib) {

  static ProcessMemory of(long pid) {
    Path rollup = Path.of("/proc", Long.toString(pid), "smaps_rollup");
    long privateClean = 0;
    long privateDirty = 0;
    long pss = 0;
    try {
      for (String line : Files.readAllLines(rollup, StandardCharsets.US_ASCII)) {
        String[] fields = line.split("\\s+");
        switch (fields[0]) {
          case "Private_Clean:" -> privateClean = Long.parseLong(fields[1]);
          case "Private_Dirty:" -> privateDirty = Long.parseLong(fields[1]);
          case "Pss:" -> pss = Long.parseLong(fields[1]);
          default -> {}
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + rollup, e);
    }
    return new ProcessMemory(privateClean + privateDirty, pss);
  }
}
