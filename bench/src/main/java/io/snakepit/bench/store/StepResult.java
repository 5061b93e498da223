package io.snakepit.bench.store;

import io.snakepit.bench.load.StepMeasurement;
import java.util.Locale;

/** One system at one operation and client count. */
record StepResult(String system, Operation operation, int clients, StepMeasurement measurement) {

  String summary() {
    return String.format(
            Locale.ROOT,
            "%s, %s, %d client%s",
            system,
            operation.label(),
            clients,
            clients == 1 ? "" : "s")
        + ": "
        + measurement.summary();
  }
}
