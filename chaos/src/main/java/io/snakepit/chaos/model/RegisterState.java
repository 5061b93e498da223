package io.snakepit.chaos.model;

import io.snakepit.chaos.edn.EdnWriter;

/** A register's content; {@code value} is null when the register is absent. */
public record RegisterState(Object value) {
  @Override
  public String toString() {
    return EdnWriter.write(value);
  }
}
