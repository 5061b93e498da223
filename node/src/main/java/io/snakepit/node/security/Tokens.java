package io.snakepit.node.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The bearer tokens a node accepts, as their SHA-256 hashes with a role and a name, one per line of
 * the token file ({@code sha256:HEX ROLE NAME}; {@code #} starts a comment). The file never holds a
 * token itself: a token is 32 random bytes, so a plain hash is as good as a slow one, and a stolen
 * file lets no one in.
 */
final class Tokens {

  static final String HASH_PREFIX = "sha256:";

  private final List<Entry> entries;

  /** One accepted token. */
  record Entry(byte[] hash, Role role, String name) {}

  private Tokens(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  static Tokens none() {
    return new Tokens(List.of());
  }

  /**
   * Reads a token file.
   *
   * @throws TokenFileException naming the file and line of a malformed entry
   */
  static Tokens read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new TokenFileException(file + ": cannot read the token file: " + e.getMessage(), e);
    }
    List<Entry> entries = new ArrayList<>();
    for (int number = 1; number <= lines.size(); number++) {
      String line = lines.get(number - 1).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      entries.add(parse(line, file + ":" + number));
    }
    return new Tokens(entries);
  }

  /** The line for a token, as {@code snakepit token add} appends it. */
  static String line(String token, Role role, String name) {
    return HASH_PREFIX
        + HexFormat.of().formatHex(hash(token))
        + " "
        + role.name().toLowerCase(Locale.ROOT)
        + " "
        + name;
  }

  /**
   * The entry of a token, compared against every entry in constant time: how long the answer takes
   * tells nothing about how close a guess came.
   */
  Optional<Entry> find(String token) {
    byte[] hash = hash(token);
    Entry found = null;
    for (Entry entry : entries) {
      if (MessageDigest.isEqual(entry.hash(), hash) && found == null) {
        found = entry;
      }
    }
    return Optional.ofNullable(found);
  }

  int size() {
    return entries.size();
  }

  private static Entry parse(String line, String where) {
    String[] fields = line.split("\\s+");
    if (fields.length != 3 || !fields[0].startsWith(HASH_PREFIX)) {
      throw new TokenFileException(
          where + ": expected \"sha256:HEX ROLE NAME\" (as `snakepit token add` writes it)");
    }
    byte[] hash;
    try {
      hash = HexFormat.of().parseHex(fields[0].substring(HASH_PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new TokenFileException(where + ": the hash is not hexadecimal", e);
    }
    if (hash.length != 32) {
      throw new TokenFileException(where + ": a SHA-256 hash has 64 hexadecimal digits");
    }
    Role role;
    try {
      role = Role.valueOf(fields[1].toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new TokenFileException(where + ": no role " + fields[1] + " (call or admin)", e);
    }
    if (role == Role.PEER) {
      throw new TokenFileException(
          where + ": a token cannot be a node's; nodes show their certificates");
    }
    return new Entry(hash, role, fields[2]);
  }

  private static byte[] hash(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
