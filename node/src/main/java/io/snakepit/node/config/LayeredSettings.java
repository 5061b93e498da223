package io.snakepit.node.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The text of every key after stacking the sources, each remembering where it came from. A key
 * added with {@link #inherit} has no default of its own: until a source sets it, it takes the value
 * of the key it inherits from.
 */
final class LayeredSettings {

  private final Map<String, ConfigKey<?>> keys = new LinkedHashMap<>();
  private final Map<String, Setting> settings = new HashMap<>();
  private final Map<String, String> inheritsFrom = new HashMap<>();

  LayeredSettings(List<ConfigKey<?>> keys) {
    for (ConfigKey<?> key : keys) {
      this.keys.put(key.name(), key);
      settings.put(key.name(), new Setting(key.defaultValue(), ConfigSource.DEFAULT, "default"));
    }
  }

  /** Accepts {@code key}, which takes the value of {@code parent} until a source sets it. */
  void inherit(ConfigKey<?> key, ConfigKey<?> parent) {
    keys.put(key.name(), key);
    inheritsFrom.put(key.name(), parent.name());
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
    String name = effectiveName(key.name());
    Setting setting = settings.get(name);
    try {
      return key.type().parse(setting.text());
    } catch (IllegalArgumentException e) {
      throw ConfigException.badValue(keys.get(name), setting, e);
    }
  }

  /**
   * One line per key, {@code grpc.port = 50051 (default)}, in table order; an inheriting key that
   * no source set shows whose value it takes, {@code pools.io.size = 4 (as pool.size)}.
   */
  List<String> describe() {
    List<String> lines = new ArrayList<>();
    for (String name : keys.keySet()) {
      String effective = effectiveName(name);
      Setting setting = settings.get(effective);
      String source = effective.equals(name) ? setting.source().label() : "as " + effective;
      lines.add(name + " = " + setting.text() + " (" + source + ")");
    }
    return lines;
  }

  /** The key whose setting applies: the key itself once set, else the one it inherits from. */
  private String effectiveName(String name) {
    return settings.containsKey(name) ? name : effectiveName(inheritsFrom.get(name));
  }
}
