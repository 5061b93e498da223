package io.snakepit.store.rocks;

/** The keys from {@code start} (inclusive) to {@code end} (exclusive), in byte order. */
public record KeyRange(byte[] start, byte[] end) {}
