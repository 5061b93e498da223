package io.snakepit.node.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The lines a fork server and its node exchange: a spawn command on its stdin, and on its stdout a
 * word followed by a JSON object. The Python side, python/snakepit/forkserver/__main__.py, holds
 * the whole contract.
 */
final class ForkServerProtocol {

  static final String FORKSERVER_READY = "SNAKEPIT_FORKSERVER_READY";
  static final String FORKED = "SNAKEPIT_FORKED";
  static final String READY = "SNAKEPIT_READY";
  static final String OUTPUT = "SNAKEPIT_OUTPUT";
  static final String EXITED = "SNAKEPIT_EXITED";
  static final String REJECTED = "SNAKEPIT_REJECTED";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One line of the fork server's. */
  record Line(String word, JsonNode fields) {

    long pid() {
      return fields.path("pid").asLong(-1);
    }

    String workerId() {
      return text("worker_id");
    }

    String text(String field) {
      return fields.path(field).asText("");
    }

    /** For an EXITED line, the exit value as Java reports a child's: the code, or 128+signal. */
    int exitValue() {
      JsonNode exitCode = fields.path("exit_code");
      return exitCode.isInt()
          ? exitCode.asInt()
          : ExitReport.signalled(fields.path("signal").asInt());
    }
  }

  private ForkServerProtocol() {}

  /** The line, or nothing when it is not a word and a JSON object. */
  static Optional<Line> parse(String line) {
    int space = line.indexOf(' ');
    if (!line.startsWith("SNAKEPIT_") || space < 0) {
      return Optional.empty();
    }
    try {
      JsonNode fields = JSON.readTree(line.substring(space + 1));
      return fields != null && fields.isObject()
          ? Optional.of(new Line(line.substring(0, space), fields))
          : Optional.empty();
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  static String spawnCommand(String workerId, Path socket) {
    try {
      return JSON.writeValueAsString(
          Map.of("spawn", Map.of("worker_id", workerId, "socket", socket.toString())));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a spawn command", e);
    }
  }
}
