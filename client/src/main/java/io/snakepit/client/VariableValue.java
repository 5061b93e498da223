package io.snakepit.client;

import io.snakepit.api.v1.Variable;

/**
 * A session variable.
 *
 * @param value as {@link Values#toJava} returns it
 * @param version 1 when first written, then +1 with every write; the expected version of a
 *     compare-and-set
 */
public record VariableValue(String name, Object value, long version) {

  static VariableValue from(Variable variable) {
    return new VariableValue(
        variable.getName(), Values.toJava(variable.getValue()), variable.getVersion());
  }
}
