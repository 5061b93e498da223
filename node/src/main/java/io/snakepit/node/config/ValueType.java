package io.snakepit.node.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * How a setting's text becomes a typed, valid value.
 *
 * @param expected what a valid text looks like, completing "expected ..." in error messages
 * @param parser turns a text into a value; throws {@link IllegalArgumentException} on a bad one
 */
public record ValueType<T>(String expected, Function<String, T> parser) {

  private static final String NEVER = "never";
  private static final Set<String> BOOLEAN = Set.of("true", "false");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final Pattern DNS_NAME =
      Pattern.compile(
          "[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9])?(\\.[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9])?)*\\.?");
  private static final Pattern HOST = Pattern.compile("[^\\s=,:]+(:[0-9]{1,5})?");
  private static final Pattern HOST_PORT = Pattern.compile("[^\\s=,]+:[0-9]{1,5}");
  private static final Pattern ADAPTER =
      Pattern.compile("[A-Za-z_]\\w*(\\.[A-Za-z_]\\w*)*:[A-Za-z_]\\w*");

  /** Parses and validates a text; the exception says only what is wrong with the text itself. */
  public T parse(String text) {
    return parser.apply(text);
  }

  /** A short identifier as it appears in logs and metric labels. */
  static ValueType<String> name() {
    return matching(NAME, "a name of letters, digits, '.', '_' or '-'");
  }

  /** An empty text for "not set", or a {@link #name()}. */
  static ValueType<Optional<String>> optionalName() {
    ValueType<String> name = name();
    return new ValueType<>(
        "nothing, or " + name.expected(),
        text -> text.isBlank() ? Optional.empty() : Optional.of(name.parse(text)));
  }

  /** An empty text for "not set", or {@code host:port}. */
  static ValueType<Optional<String>> optionalHostPort() {
    return new ValueType<>(
        "nothing, or host:port",
        text -> {
          String address = text.strip();
          if (address.isEmpty()) {
            return Optional.empty();
          }
          if (!isHostPort(address)) {
            throw new IllegalArgumentException("not host:port: \"" + text + "\"");
          }
          return Optional.of(address);
        });
  }

  /** An empty text for "not set", or a fully qualified DNS name. */
  static ValueType<Optional<String>> optionalDnsName() {
    ValueType<String> name = matching(DNS_NAME, "a DNS name such as _raft._tcp.snakepit.ns.svc");
    return new ValueType<>(
        "nothing, or " + name.expected(),
        text -> text.isBlank() ? Optional.empty() : Optional.of(name.parse(text)));
  }

  /** An empty text for "not set", or {@code host} or {@code host:port}. */
  static ValueType<Optional<String>> optionalHost() {
    ValueType<String> host = matching(HOST, "host or host:port");
    return new ValueType<>(
        "nothing, or " + host.expected(),
        text -> {
          if (text.isBlank()) {
            return Optional.empty();
          }
          String address = host.parse(text);
          if (address.contains(":") && (port(address) < 1 || port(address) > 65535)) {
            throw new IllegalArgumentException("out of range: \"" + text + "\"");
          }
          return Optional.of(address);
        });
  }

  /** An empty text for "not set", or a count from 1 to {@code max}. */
  static ValueType<OptionalInt> optionalCount(int max) {
    ValueType<Integer> count = intRange(1, max);
    return new ValueType<>(
        "nothing, or " + count.expected(),
        text -> text.isBlank() ? OptionalInt.empty() : OptionalInt.of(count.parse(text)));
  }

  /** Comma-separated {@code name=value} labels; empty for none. */
  static ValueType<Map<String, String>> labels() {
    ValueType<String> name = name();
    return new ValueType<>(
        "comma-separated name=value labels",
        text -> {
          Map<String, String> labels = new LinkedHashMap<>();
          for (String entry : text.split(",")) {
            if (entry.isBlank()) {
              continue;
            }
            int equals = entry.indexOf('=');
            String value = equals < 0 ? "" : entry.substring(equals + 1).strip();
            if (value.isEmpty()) {
              throw new IllegalArgumentException("not name=value: \"" + entry + "\"");
            }
            labels.put(name.parse(entry.substring(0, equals)), value);
          }
          return labels;
        });
  }

  /** One of an enum's constants, written in lower case. */
  static <E extends Enum<E>> ValueType<E> choice(Class<E> type) {
    Map<String, E> byName = new LinkedHashMap<>();
    for (E constant : type.getEnumConstants()) {
      byName.put(constant.name().toLowerCase(Locale.ROOT), constant);
    }
    return new ValueType<>(
        "one of " + String.join(", ", byName.keySet()),
        text -> require(byName.get(text.strip()), Objects::nonNull, text));
  }

  static ValueType<Boolean> bool() {
    return new ValueType<>(
        "true or false",
        text -> Boolean.parseBoolean(require(text.strip(), BOOLEAN::contains, text)));
  }

  /**
   * Comma-separated {@code id=host:port} entries with distinct ids, in the order given; an empty
   * text is an empty map.
   */
  static ValueType<Map<String, String>> peers() {
    return new ValueType<>(
        "comma-separated id=host:port entries with distinct ids, e.g."
            + " a=10.0.0.1:7000,b=10.0.0.2:7000,c=10.0.0.3:7000",
        ValueType::parsePeers);
  }

  static ValueType<String> nonBlank() {
    return new ValueType<>(
        "a non-empty text", text -> require(text.strip(), s -> !s.isEmpty(), text));
  }

  /** A Python adapter class, {@code package.module:ClassName}. */
  static ValueType<String> adapter() {
    return matching(ADAPTER, "a Python class as module:Class, e.g. my_pkg.tools:MyAdapter");
  }

  static ValueType<Integer> intRange(int min, int max) {
    return new ValueType<>(
        "an integer from " + min + " to " + max,
        text -> require(parseInt(text), i -> i >= min && i <= max, text));
  }

  static ValueType<Duration> positiveDuration() {
    return new ValueType<>(
        "a positive duration such as 500ms, 5s, 2m, 1h, 1d or PT5S",
        text -> require(Durations.parse(text), d -> !d.isNegative() && !d.isZero(), text));
  }

  /** {@code never}, or a positive duration. */
  static ValueType<Optional<Duration>> durationOrNever() {
    return orNever(positiveDuration());
  }

  /** {@code never}, or a positive size. */
  static ValueType<Optional<DataSize>> sizeOrNever() {
    return orNever(positiveSize());
  }

  /** {@code never}, or a positive count. */
  static ValueType<OptionalInt> countOrNever() {
    ValueType<Integer> count = intRange(1, Integer.MAX_VALUE);
    return new ValueType<>(
        "never, or " + count.expected(),
        text ->
            text.strip().equals(NEVER) ? OptionalInt.empty() : OptionalInt.of(count.parse(text)));
  }

  private static <T> ValueType<Optional<T>> orNever(ValueType<T> type) {
    return new ValueType<>(
        "never, or " + type.expected(),
        text -> text.strip().equals(NEVER) ? Optional.empty() : Optional.of(type.parse(text)));
  }

  static ValueType<DataSize> positiveSize() {
    return new ValueType<>(
        "a positive size such as 16MiB, 512KiB, 1GiB or a plain number of bytes",
        text -> require(DataSize.parse(text), size -> size.bytes() > 0, text));
  }

  static ValueType<Path> path() {
    return new ValueType<>("a file system path", text -> Path.of(nonBlank().parse(text)));
  }

  /** An empty text for "not set", or a file system path. */
  static ValueType<Optional<Path>> optionalPath() {
    return new ValueType<>(
        "nothing, or a file system path",
        text -> text.isBlank() ? Optional.empty() : Optional.of(Path.of(text.strip())));
  }

  /** Comma-separated paths; blank entries are dropped so that an empty text is an empty list. */
  static ValueType<List<Path>> pathList() {
    return new ValueType<>(
        "comma-separated file system paths",
        text ->
            Arrays.stream(text.split(","))
                .map(String::strip)
                .filter(entry -> !entry.isEmpty())
                .map(Path::of)
                .toList());
  }

  private static ValueType<String> matching(Pattern pattern, String expected) {
    return new ValueType<>(
        expected, text -> require(text.strip(), s -> pattern.matcher(s).matches(), text));
  }

  private static Map<String, String> parsePeers(String text) {
    Map<String, String> peers = new LinkedHashMap<>();
    for (String entry : text.split(",")) {
      if (entry.isBlank()) {
        continue;
      }
      int equals = entry.indexOf('=');
      String id = name().parse(equals < 0 ? "" : entry.substring(0, equals));
      String address = entry.substring(equals + 1).strip();
      if (!isHostPort(address)) {
        throw new IllegalArgumentException("not id=host:port: \"" + entry + "\"");
      }
      if (peers.put(id, address) != null) {
        throw new IllegalArgumentException("peer id " + id + " is listed twice");
      }
    }
    return peers;
  }

  private static boolean isHostPort(String address) {
    return HOST_PORT.matcher(address).matches() && port(address) >= 1 && port(address) <= 65535;
  }

  private static int port(String hostPort) {
    return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
  }

  private static int parseInt(String text) {
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not an integer: \"" + text + "\"", e);
    }
  }

  private static <T> T require(T value, Predicate<T> valid, String text) {
    if (!valid.test(value)) {
      throw new IllegalArgumentException("out of range: \"" + text + "\"");
    }
    return value;
  }
}
