package io.snakepit.node.config;

/**
 * One row of the configuration reference.
 *
 * @param key the dotted key
 * @param environmentVariable the variable that sets it
 * @param defaultValue the default as people should read it
 * @param description what it does
 */
public record KeyDescription(
    String key, String environmentVariable, String defaultValue, String description) {}
