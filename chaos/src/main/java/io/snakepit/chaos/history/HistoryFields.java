package io.snakepit.chaos.history;

import io.snakepit.chaos.edn.Keyword;

/** The keys of an operation map, shared by the reader and the writer. */
final class HistoryFields {
  static final Keyword PROCESS = Keyword.of("process");
  static final Keyword TYPE = Keyword.of("type");
  static final Keyword F = Keyword.of("f");
  static final Keyword VALUE = Keyword.of("value");
  static final Keyword TIME = Keyword.of("time");
  static final Keyword KEY = Keyword.of("key");

  private HistoryFields() {}
}
