package io.snakepit.node.config;

/** Where a setting's value came from; later sources override earlier ones. */
public enum ConfigSource {
  DEFAULT("default"),
  FILE("file"),
  ENVIRONMENT("env"),
  FLAG("flag");

  private final String label;

  ConfigSource(String label) {
    this.label = label;
  }

  /** The short word shown after each effective setting, e.g. {@code (env)}. */
  public String label() {
    return label;
  }
}
