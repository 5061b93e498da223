package io.snakepit.chaos.runtime;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The process {@link SlowSyncLibraryTest} preloads the library into: for each line {@code fsync} or
 * {@code fdatasync} it reads, it appends a byte to the file named by its argument, syncs it that
 * way (the JDK's {@code force(true)} and {@code force(false)}), and prints the sync's milliseconds.
 */
public final class SyncTimer {

  private SyncTimer() {}

  public static void main(String[] args) throws Exception {
    BufferedReader commands =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    try (FileChannel file =
        FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      for (String command = commands.readLine(); command != null; command = commands.readLine()) {
        file.write(ByteBuffer.wrap(new byte[] {1}));
        long start = System.nanoTime();
        file.force(command.equals("fsync"));
        System.out.println((System.nanoTime() - start) / 1_000_000);
      }
    }
  }
}
