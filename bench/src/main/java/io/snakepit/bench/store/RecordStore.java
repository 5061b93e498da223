package io.snakepit.bench.store;

/**
 * A replicated store under test, seen as numbered records of bytes, each with a version: 0 while it
 * does not exist, 1 once written, one more with every write. Record {@code r} is reached through
 * member {@code r mod members} of the cluster, so that load spreads over the members and record
 * {@code i < members} is a probe of member {@code i}.
 */
interface RecordStore extends AutoCloseable {

  /** Makes records {@code 0} to {@code count - 1} writable, for stores that need a container. */
  default void prepare(int count) {}

  /**
   * Writes {@code value} to the record only if it is at {@code expectedVersion}, in one
   * linearizable compare-and-set.
   *
   * @return the record's new version
   * @throws RuntimeException when the record is at another version or the store did not answer
   */
  long compareAndSet(int record, long expectedVersion, byte[] value);

  /** The record's version, by a linearizable read of the record. */
  long version(int record);

  @Override
  void close();
}
