package io.snakepit.chaos.checker;

import java.time.Duration;
import java.util.Optional;

/**
 * @param failure present exactly when the verdict is NOT_LINEARIZABLE
 * @param configurations distinct (linearized set, state) pairs the search visited
 */
public record CheckResult(
    Verdict verdict, Optional<Failure> failure, long configurations, Duration elapsed) {}
