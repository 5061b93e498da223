package io.snakepit.node.security;

import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * What a caller may do. A certificate of the cluster's CA carries its role as an organisational
 * unit of its subject ({@code OU=snakepit-admin}); a token has its role beside its hash.
 */
public enum Role {
  /** Execute tools and read and write sessions, variables and programs. */
  CALL,
  /** Everything, membership, import and export included. */
  ADMIN,
  /** Another node of the cluster: forwarded calls, the peer API and the Raft port. */
  PEER;

  private static final String UNIT_PREFIX = "snakepit-";

  /** The organisational unit a certificate of this role carries. */
  public String organisationalUnit() {
    return UNIT_PREFIX + name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The role a certificate carries, if it carries exactly one. */
  public static Optional<Role> of(X509Certificate certificate) {
    Optional<Role> found = Optional.empty();
    try {
      for (Rdn part : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
        if (!part.getType().equalsIgnoreCase("OU")) {
          continue;
        }
        Optional<Role> role = named(String.valueOf(part.getValue()));
        if (role.isPresent() && found.isPresent() && role.get() != found.get()) {
          return Optional.empty();
        }
        found = role.isPresent() ? role : found;
      }
    } catch (InvalidNameException e) {
      return Optional.empty();
    }
    return found;
  }

  private static Optional<Role> named(String unit) {
    for (Role role : values()) {
      if (role.organisationalUnit().equals(unit)) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }
}
