package io.snakepit.node.discovery;

import java.util.Locale;

/**
 * One DNS SRV record: a service instance at {@code target:port}.
 *
 * @param priority lower is preferred; not used to pick peers, every record is one
 * @param weight the share among records of the same priority; not used either
 * @param port the port of the service on the target
 * @param target the host of the instance, lower case, without the root's trailing dot
 */
public record SrvRecord(int priority, int weight, int port, String target) {

  public SrvRecord {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("SRV port out of range: " + port);
    }
    target = stripRoot(target).toLowerCase(Locale.ROOT);
    if (target.isEmpty()) {
      throw new IllegalArgumentException("SRV record without a target");
    }
  }

  /** Reads the text form of a record's data, {@code "priority weight port target"}. */
  public static SrvRecord parse(String text) {
    String[] fields = text.strip().split("\\s+");
    if (fields.length != 4) {
      throw new IllegalArgumentException("not an SRV record: \"" + text + "\"");
    }
    try {
      return new SrvRecord(
          Integer.parseInt(fields[0]),
          Integer.parseInt(fields[1]),
          Integer.parseInt(fields[2]),
          fields[3]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not an SRV record: \"" + text + "\"", e);
    }
  }

  /** The target's first label: a StatefulSet pod's name, which is its hostname. */
  public String firstLabel() {
    int dot = target.indexOf('.');
    return dot < 0 ? target : target.substring(0, dot);
  }

  private static String stripRoot(String name) {
    return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
  }
}
