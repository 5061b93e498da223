package io.snakepit.store;

import io.snakepit.api.v1.Value;

/**
 * A session variable.
 *
 * @param version 1 when first written, then +1 with every write
 */
public record Variable(String sessionId, String name, Value value, long version) {}
