package io.snakepit.node.security;

import java.nio.file.Path;

/** A TLS file that cannot be served: missing, unreadable, or not what its setting says. */
public final class TlsFilesException extends RuntimeException {

  TlsFilesException(Path file, String problem) {
    super(file + ": " + problem);
  }

  TlsFilesException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
  }
}
