package io.snakepit.bench.forward;

import io.snakepit.bench.load.StepMeasurement;
import java.util.Locale;

/** One route at one client count. */
record ForwardStep(Route route, int clients, StepMeasurement measurement) {

  String summary() {
    return String.format(
            Locale.ROOT, "%s, %d client%s: ", route.label(), clients, clients == 1 ? "" : "s")
        + measurement.summary();
  }
}
