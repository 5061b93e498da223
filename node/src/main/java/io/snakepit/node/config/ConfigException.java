package io.snakepit.node.config;

import java.util.Collection;

/** A configuration that cannot be used; the message says which key, which source and why. */
public final class ConfigException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }

  static ConfigException badValue(ConfigKey<?> key, Setting setting, Throwable cause) {
    return new ConfigException(
        "bad value for "
            + key.name()
            + " from "
            + setting.origin()
            + ": \""
            + setting.text()
            + "\"; expected "
            + key.type().expected(),
        cause);
  }

  static ConfigException unknownKey(String key, String origin, Collection<String> validKeys) {
    return new ConfigException(
        "unknown configuration key \""
            + key
            + "\" in "
            + origin
            + "; valid keys are: "
            + String.join(", ", validKeys));
  }
}
