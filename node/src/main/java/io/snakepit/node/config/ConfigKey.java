package io.snakepit.node.config;

import java.util.Locale;

/**
 * One setting: its dotted name, how its text is parsed and validated, its default and what it is
 * for.
 *
 * @param name the dotted key used in files and overrides, e.g. {@code pool.queue-timeout}
 * @param type how a text becomes a valid value
 * @param defaultValue the text used when no source sets the key
 * @param documentedDefault the default as shown to people; differs from {@code defaultValue} only
 *     when the default depends on the machine
 * @param description what the setting does, for the configuration reference
 */
public record ConfigKey<T>(
    String name,
    ValueType<T> type,
    String defaultValue,
    String documentedDefault,
    String description) {

  /**
   * The environment variable that sets this key: {@code pool.queue-timeout} → {@code
   * SNAKEPIT_POOL_QUEUE_TIMEOUT}.
   */
  public String environmentVariable() {
    return "SNAKEPIT_" + name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }
}
