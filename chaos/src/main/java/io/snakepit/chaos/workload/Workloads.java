package io.snakepit.chaos.workload;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/** The workloads by name; each run gets a fresh one, as workloads remember what they touched. */
public final class Workloads {

  private Workloads() {}

  public static List<String> names() {
    return List.of("register", "set", "sessions", "execute");
  }

  /**
   * @param runTime how long the clients will run: sessions that may expire must outlive it
   */
  public static Workload named(String name, Duration runTime) {
    Supplier<Workload> workload =
        switch (name) {
          case "register" -> RegisterWorkload::new;
          case "set" -> SetWorkload::new;
          case "sessions" -> () -> new SessionsWorkload(runTime);
          case "execute" -> CounterWorkload::new;
          default ->
              throw new IllegalArgumentException(
                  "unknown workload '" + name + "'; known: " + String.join(", ", names()));
        };
    return workload.get();
  }
}
