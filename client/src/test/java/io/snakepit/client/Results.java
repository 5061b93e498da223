package io.snakepit.client;

import java.util.Map;

/** Casts for tests that inspect converted results. */
final class Results {

  private Results() {}

  @SuppressWarnings("unchecked")
  static Map<String, Object> asMap(Object result) {
    return (Map<String, Object>) result;
  }
}
