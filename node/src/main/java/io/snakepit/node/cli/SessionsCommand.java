package io.snakepit.node.cli;

import io.snakepit.client.SessionInfo;
import io.snakepit.client.SnakepitClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Lists, shows, creates and deletes sessions; {@code sessions} alone lists them. */
@Command(
    name = "sessions",
    description = "Lists (the default), shows, creates and deletes sessions.")
final class SessionsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin TargetOption target;

  @Override
  public Integer call() {
    return list();
  }

  @Command(name = "list", description = "Lists every session, ordered by id.")
  int list() {
    TextTable table = new TextTable("ID", "VERSION", "TTL", "LAST ACCESSED", "METADATA");
    try (SnakepitClient client = target.connect()) {
      client
          .allSessions()
          .forEach(
              session ->
                  table.row(
                      session.id(),
                      Long.toString(session.version()),
                      ttl(session.ttl()),
                      session.lastAccessedAt().toString(),
                      metadata(session.metadata())));
    }
    output().table(table);
    return 0;
  }

  @Command(name = "get", description = "Prints a session as JSON.")
  int get(@Parameters(paramLabel = "ID") String id) {
    try (SnakepitClient client = target.connect()) {
      output().json(toJson(client.getSession(id)));
    }
    return 0;
  }

  @Command(
      name = "create",
      description = "Creates a session (or returns the existing one) and prints it as JSON.")
  int create(
      @Parameters(paramLabel = "ID") String id,
      @Option(
              names = "--ttl",
              paramLabel = "DURATION",
              converter = DurationConverter.OrNever.class,
              description = "Idle time before it expires, or 'never'; the node's default if unset.")
          Duration ttl,
      @Option(names = "--meta", paramLabel = "KEY=VALUE", description = "Metadata, repeatable.")
          Map<String, String> metadata) {
    try (SnakepitClient client = target.connect()) {
      output().json(toJson(client.createSession(id, metadata == null ? Map.of() : metadata, ttl)));
    }
    return 0;
  }

  @Command(name = "delete", description = "Deletes a session with its variables and programs.")
  int delete(@Parameters(paramLabel = "ID") String id) {
    boolean deleted;
    try (SnakepitClient client = target.connect()) {
      deleted = client.deleteSession(id);
    }
    output().line(deleted ? "deleted session '" + id + "'" : "no session '" + id + "'");
    return 0;
  }

  static Map<String, Object> toJson(SessionInfo session) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", session.id());
    json.put("metadata", new TreeMap<>(session.metadata()));
    json.put("ttl", ttl(session.ttl()));
    json.put("createdAt", session.createdAt().toString());
    json.put("lastAccessedAt", session.lastAccessedAt().toString());
    json.put("version", session.version());
    return json;
  }

  private static String ttl(Duration ttl) {
    return ttl.isZero() ? "never" : ttl.toString();
  }

  private static String metadata(Map<String, String> metadata) {
    return new TreeMap<>(metadata)
        .entrySet().stream()
            .map(entry -> entry.getKey() + "=" + entry.getValue())
            .collect(Collectors.joining(","));
  }

  private CliOutput output() {
    return CliOutput.of(spec);
  }
}
