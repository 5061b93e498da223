package io.snakepit.chaos.history;

import io.snakepit.chaos.edn.EdnWriter;
import java.io.IOException;
import java.io.Writer;

/** Appends events in the harness's layout, one EDN map per line, as they happen. */
public final class HistoryWriter {
  private final Writer out;

  public HistoryWriter(Writer out) {
    this.out = out;
  }

  public void append(Op op) throws IOException {
    out.write(EdnWriter.write(op.toEdnMap()));
    out.write('\n');
  }
}
