package io.snakepit.node.cli;

import io.snakepit.client.SnakepitException;
import io.snakepit.client.ToolException;
import io.snakepit.client.UnavailableException;
import io.snakepit.node.config.ConfigException;
import io.snakepit.node.discovery.PeerDiscovery;
import io.snakepit.node.security.TlsFilesException;
import io.snakepit.store.StoreException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns the failures every command shares into one line on stderr and an exit code, instead of a
 * stack trace. Anything else is a bug and keeps picocli's stack trace.
 */
final class ErrorReporter implements IExecutionExceptionHandler {

  /** The node answered with an error status. */
  static final int EXIT_CALL_FAILED = 1;

  /** The configuration cannot be used; the same code picocli uses for bad arguments. */
  static final int EXIT_BAD_CONFIG = 2;

  @Override
  public int handleExecutionException(
      Exception failure, CommandLine commandLine, ParseResult parseResult) throws Exception {
    PrintWriter err = commandLine.getErr();
    if (failure instanceof SnakepitException callFailure) {
      err.print(describe(callFailure));
      err.flush();
      return EXIT_CALL_FAILED;
    }
    if (failure instanceof StoreException
        || failure instanceof CommandFailedException
        || failure instanceof PeerDiscovery.DiscoveryException) {
      err.println("error: " + failure.getMessage());
      err.flush();
      return EXIT_CALL_FAILED;
    }
    if (failure instanceof IOException || failure instanceof UncheckedIOException) {
      err.println("error: " + describe(failure));
      err.flush();
      return EXIT_CALL_FAILED;
    }
    // A TLS file that cannot be served is a setting to fix, like a bad value.
    if (failure instanceof ConfigException || failure instanceof TlsFilesException) {
      err.println("error: " + failure.getMessage());
      err.flush();
      return EXIT_BAD_CONFIG;
    }
    throw failure;
  }

  /**
   * {@code error: <STATUS>: <message>}, with what helps next: the local cause (such as a refused
   * connection), the leader hint, or the Python traceback. Ends with a line break.
   */
  static String describe(SnakepitException failure) {
    StringBuilder text =
        new StringBuilder("error: ")
            .append(failure.code())
            .append(": ")
            .append(failure.getMessage());
    localCause(failure).ifPresent(cause -> text.append(" (").append(cause).append(')'));
    if (failure instanceof UnavailableException unavailable) {
      unavailable
          .leaderHint()
          .ifPresent(leader -> text.append(" (leader: ").append(leader).append(')'));
    }
    text.append(System.lineSeparator());
    if (failure instanceof ToolException toolFailure && !toolFailure.pythonTraceback().isEmpty()) {
      text.append(toolFailure.pythonTraceback().stripTrailing()).append(System.lineSeparator());
    }
    return text.toString();
  }

  /** A file problem in words: some of Java's exceptions carry only the path. */
  private static String describe(Exception fileFailure) {
    Throwable failure =
        fileFailure instanceof UncheckedIOException unchecked ? unchecked.getCause() : fileFailure;
    if (failure instanceof FileAlreadyExistsException exists) {
      return exists.getFile() + " already exists";
    }
    if (failure instanceof NoSuchFileException missing) {
      return missing.getFile() + " does not exist";
    }
    return fileFailure.getMessage();
  }

  /**
   * The message of what failed on this machine, below the gRPC status (the translated exception's
   * cause): gRPC's own description of a refused connection says only "io exception".
   */
  private static Optional<String> localCause(SnakepitException failure) {
    Throwable status = failure.getCause();
    if (status == null || status.getCause() == null) {
      return Optional.empty();
    }
    Throwable root = status.getCause();
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return Optional.ofNullable(root.getMessage());
  }
}
