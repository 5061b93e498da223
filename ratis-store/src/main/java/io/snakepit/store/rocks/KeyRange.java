package io.snakepit.store.embedded;

/** The keys from {@code start} (inclusive) to {@code end} (exclusive), in byte order. */
record KeyRange(byte[] start, byte[] end) {}
