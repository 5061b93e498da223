package io.snakepit.node.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/** Reads a {@code .yaml}, {@code .yml} or {@code .properties} file into dotted keys and texts. */
final class ConfigFileReader {

  private ConfigFileReader() {}

  static Map<String, String> read(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    boolean yaml = name.endsWith(".yaml") || name.endsWith(".yml");
    if (!yaml && !name.endsWith(".properties")) {
      throw new ConfigException("config file " + file + " must end in .yaml, .yml or .properties");
    }
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return yaml ? readYaml(reader, file) : readProperties(reader);
    } catch (IOException e) {
      throw new ConfigException("cannot read config file " + file + ": " + e, e);
    } catch (YAMLException e) {
      throw new ConfigException("config file " + file + " is not valid YAML: " + e.getMessage(), e);
    }
  }

  private static Map<String, String> readProperties(Reader reader) throws IOException {
    Properties properties = new Properties();
    properties.load(reader);
    Map<String, String> values = new LinkedHashMap<>();
    properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key)));
    return values;
  }

  private static Map<String, String> readYaml(Reader reader, Path file) {
    // SafeConstructor: a config file must not be able to instantiate arbitrary classes.
    Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
    Map<String, String> values = new LinkedHashMap<>();
    if (document == null) {
      return values;
    }
    if (!(document instanceof Map<?, ?> root)) {
      throw new ConfigException("config file " + file + " must hold a mapping of keys to values");
    }
    flatten("", root, values, file);
    return values;
  }

  /** Nested mappings become dotted keys, so {@code pool: {size: 4}} is {@code pool.size}. */
  private static void flatten(
      String prefix, Map<?, ?> mapping, Map<String, String> values, Path file) {
    for (Map.Entry<?, ?> entry : mapping.entrySet()) {
      String key = prefix + entry.getKey();
      Object value = entry.getValue();
      if (value instanceof Map<?, ?> nested) {
        flatten(key + ".", nested, values, file);
      } else if (values.putIfAbsent(key, text(value)) != null) {
        throw new ConfigException("config file " + file + " sets " + key + " twice");
      }
    }
  }

  /** A YAML list is written as the comma-separated text the key would take anywhere else. */
  private static String text(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof List<?> list) {
      return list.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
    return String.valueOf(value);
  }
}
