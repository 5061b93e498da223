package io.snakepit.node.cli;

/** A command could not do its work for a reason its message tells the user in full. */
final class CommandFailedException extends RuntimeException {

  CommandFailedException(String message) {
    super(message);
  }
}
