package io.snakepit.node.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's token file, read again when it changes: a token added with {@code snakepit token add}
 * or a line removed counts from the next check on, without a restart. A file that cannot be read
 * leaves the tokens as they were.
 */
public final class TokenFile {

  private static final Logger log = LoggerFactory.getLogger(TokenFile.class);

  /** 256 random bits: beyond guessing, so a plain hash of it needs no salt or slowness. */
  private static final int TOKEN_BYTES = 32;

  private static final String TOKEN_PREFIX = "spt_";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path file;
  private final FileWatch watch;
  private volatile Tokens tokens;

  private TokenFile(Path file) {
    this.file = file;
    this.watch = new FileWatch(List.of(file));
    this.tokens = Tokens.read(file);
  }

  /**
   * @throws TokenFileException when the file cannot be read or has a malformed line
   */
  public static TokenFile load(Path file) {
    TokenFile loaded = new TokenFile(file);
    log.info("{} tokens accepted, from {}", loaded.tokens.size(), file);
    return loaded;
  }

  /**
   * Makes a new token of a role and appends its hash to the file, which is created readable by its
   * owner alone if missing. The token itself is returned, and kept nowhere.
   *
   * @param name who the token is for, as refusals and logs name it: letters, digits, {@code . _ -}
   */
  public static String issue(Path file, Role role, String name) {
    if (role == Role.PEER) {
      throw new IllegalArgumentException("a token cannot be a node's: nodes show certificates");
    }
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "a token's name is letters, digits, '.', '_' or '-': \"" + name + "\"");
    }
    byte[] secret = new byte[TOKEN_BYTES];
    RANDOM.nextBytes(secret);
    String token = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    try {
      if (!Files.exists(file)) {
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      }
      Files.writeString(
          file,
          Tokens.line(token, role, name) + System.lineSeparator(),
          StandardCharsets.UTF_8,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the token file " + file, e);
    }
    return token;
  }

  /** Reads the file again if it changed; keeps the tokens it had when it cannot. */
  public void reloadIfChanged() {
    if (!watch.changed()) {
      return;
    }
    try {
      tokens = Tokens.read(file);
      log.info("token file reloaded: {} tokens accepted, from {}", tokens.size(), file);
    } catch (TokenFileException e) {
      log.warn(
          "the token file changed but cannot be used ({}); the tokens stay as they were",
          e.getMessage());
    }
  }

  Optional<Tokens.Entry> find(String token) {
    return tokens.find(token);
  }
}
