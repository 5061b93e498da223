package io.snakepit.node.discovery;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

/**
 * Asks DNS through the JDK's own DNS client (JNDI's {@code com.sun.jndi.dns.DnsContextFactory},
 * module {@code jdk.naming.dns}): no dependency, and unlike {@link java.net.InetAddress} it reads
 * SRV records and can ask a given server.
 *
 * <p>Names are asked as given, fully qualified: the JDK's client does not apply the search domains
 * of {@code /etc/resolv.conf}.
 */
public final class JndiDnsLookup implements DnsLookup {

  private static final String FACTORY = "com.sun.jndi.dns.DnsContextFactory";

  private final Optional<String> server;

  /**
   * @param server {@code host} or {@code host:port} of the DNS server to ask; empty for the servers
   *     the system is configured with
   */
  public JndiDnsLookup(Optional<String> server) {
    this.server = server;
  }

  @Override
  public List<SrvRecord> srv(String name) {
    List<SrvRecord> records = new ArrayList<>();
    for (String value : values(name, "SRV")) {
      records.add(SrvRecord.parse(value));
    }
    return records;
  }

  @Override
  public Optional<String> address(String host) {
    return values(host, "A").stream().findFirst();
  }

  private List<String> values(String name, String type) {
    DirContext context = null;
    try {
      context = new InitialDirContext(environment());
      Attributes attributes = context.getAttributes(name, new String[] {type});
      Attribute attribute = attributes.get(type);
      List<String> values = new ArrayList<>();
      if (attribute != null) {
        NamingEnumeration<?> all = attribute.getAll();
        while (all.hasMore()) {
          values.add(String.valueOf(all.next()));
        }
      }
      return values;
    } catch (NameNotFoundException e) {
      return List.of();
    } catch (NamingException | IllegalArgumentException e) {
      throw new DnsException(
          "DNS lookup of "
              + type
              + " "
              + name
              + " failed"
              + server.map(s -> " at " + s).orElse("")
              + ": "
              + e,
          e);
    } finally {
      closeQuietly(context);
    }
  }

  private Hashtable<String, Object> environment() {
    // JNDI takes a Hashtable.
    Hashtable<String, Object> environment = new Hashtable<>();
    environment.put(Context.INITIAL_CONTEXT_FACTORY, FACTORY);
    server.ifPresent(address -> environment.put(Context.PROVIDER_URL, "dns://" + address));
    // Its defaults (1 s, doubled over 4 tries per server) are for interactive lookups; discovery
    // asks again itself.
    environment.put("com.sun.jndi.dns.timeout.initial", "1000");
    environment.put("com.sun.jndi.dns.timeout.retries", "2");
    return environment;
  }

  private static void closeQuietly(DirContext context) {
    if (context == null) {
      return;
    }
    try {
      context.close();
    } catch (NamingException e) {
      // nothing was held open that matters
    }
  }
}
