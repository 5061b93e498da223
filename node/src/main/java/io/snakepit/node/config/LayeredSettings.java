package io.snakepit.node.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The text of every key after stacking the sources, each remembering where it came from. */
final class LayeredSettings {

  private final Map<String, ConfigKey<?>> keys = new LinkedHashMap<>();
  private final Map<String, Setting> settings = new LinkedHashMap<>();

  LayeredSettings(List<ConfigKey<?>> keys) {
    for (ConfigKey<?> key : keys) {
      this.keys.put(key.name(), key);
      settings.put(key.name(), new Setting(key.defaultValue(), ConfigSource.DEFAULT, "default"));
    }
  }

  /**
   * Lays values over the current ones.
   *
   * @param origin where the values come from, completing "in ..." in an error message
   * @throws ConfigException naming the first key that is not in the table
   */
  void override(Map<String, String> values, ConfigSource source, String origin) {
    for (Map.Entry<String, String> entry : values.entrySet()) {
      if (!keys.containsKey(entry.getKey())) {
        throw ConfigException.unknownKey(entry.getKey(), origin, keys.keySet());
      }
      settings.put(entry.getKey(), new Setting(entry.getValue(), source, origin));
    }
  }

  /** Lays each key's environment variable, when set, over the current value. */
  void overrideFromEnvironment(Map<String, String> environment) {
    for (ConfigKey<?> key : keys.values()) {
      String variable = key.environmentVariable();
      String value = environment.get(variable);
      if (value != null) {
        settings.put(
            key.name(),
            new Setting(value, ConfigSource.ENVIRONMENT, "environment variable " + variable));
      }
    }
  }

  /** The key's value, parsed and validated. */
  <T> T value(ConfigKey<T> key) {
    Setting setting = settings.get(key.name());
    try {
      return key.type().parse(setting.text());
    } catch (IllegalArgumentException e) {
      throw ConfigException.badValue(key, setting, e);
    }
  }

  /** One line per key, {@code grpc.port = 50051 (default)}, in table order. */
  List<String> describe() {
    List<String> lines = new ArrayList<>();
    settings.forEach(
        (name, setting) ->
            lines.add(name + " = " + setting.text() + " (" + setting.source().label() + ")"));
    return lines;
  }
}
