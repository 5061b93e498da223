package io.snakepit.chaos.history;

import io.snakepit.chaos.edn.Keyword;
import java.util.Locale;

/** What an event in a history says: a call started, or how it ended. */
public enum OpType {
  INVOKE,
  /** Took effect, and its value is what it observed. */
  OK,
  /** Definitely did not take effect (what it still tells us depends on the model). */
  FAIL,
  /** Unknown, e.g. a timeout: it may or may not have taken effect, at any time after its call. */
  INFO;

  private final Keyword keyword = Keyword.of(name().toLowerCase(Locale.ROOT));

  public Keyword keyword() {
    return keyword;
  }

  public static OpType of(Keyword keyword) {
    for (OpType type : values()) {
      if (type.keyword.equals(keyword)) {
        return type;
      }
    }
    throw new IllegalArgumentException("unknown :type " + keyword);
  }
}
