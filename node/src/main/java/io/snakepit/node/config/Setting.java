package io.snakepit.node.config;

/**
 * The text a key was given and where it came from.
 *
 * @param text the raw value
 * @param source which layer set it
 * @param origin the same, precise enough for an error message (the file, the variable)
 */
record Setting(String text, ConfigSource source, String origin) {}
