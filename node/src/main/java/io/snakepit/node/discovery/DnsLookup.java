package io.snakepit.node.discovery;

import java.util.List;
import java.util.Optional;

/** The two DNS questions peer discovery asks. */
public interface DnsLookup {

  /**
   * The SRV records of {@code name}; none when the name does not exist (yet).
   *
   * @throws DnsException when no server answers, or answers with an error other than "no such name"
   */
  List<SrvRecord> srv(String name);

  /** The first IPv4 address of {@code host}, or empty when it has none (yet). */
  Optional<String> address(String host);

  /** A DNS question that got no usable answer; discovery asks again later. */
  final class DnsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DnsException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
