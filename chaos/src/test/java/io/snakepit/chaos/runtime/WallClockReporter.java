package io.snakepit.chaos.runtime;

import com.sun.management.OperatingSystemMXBean;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

/**
 * The process {@link FaketimeClockTest} preloads libfaketime into: for each line {@code now} it
 * reads, it prints its wall clock and its monotonic clock, in milliseconds and nanoseconds; for
 * each line {@code sleep}, it sleeps one second and prints the CPU milliseconds that took.
 */
public final class WallClockReporter {

  private WallClockReporter() {}

  public static void main(String[] args) throws Exception {
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    BufferedReader commands =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String command = commands.readLine(); command != null; command = commands.readLine()) {
      if (command.equals("sleep")) {
        long cpu = os.getProcessCpuTime();
        Thread.sleep(1000);
        System.out.println((os.getProcessCpuTime() - cpu) / 1_000_000);
      } else {
        System.out.println(System.currentTimeMillis() + " " + System.nanoTime());
      }
    }
  }
}
