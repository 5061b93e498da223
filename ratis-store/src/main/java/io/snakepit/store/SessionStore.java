package io.snakepit.store;

import com.google.protobuf.ByteString;
import io.snakepit.api.v1.Value;
import io.snakepit.store.v1.ImportCounts;
import io.snakepit.store.v1.NodeRecord;
import io.snakepit.store.v1.RecordPage;
import io.snakepit.store.v1.StoredRecord;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * Where sessions live: their record, variables and programs. Every implementation passes the same
 * contract suite ({@code SessionStoreContract} in this module's test-jar).
 *
 * <p>Failures are {@link StoreException}s. Reads are linearizable. Identifiers are checked with
 * {@link Identifiers}; a bad one is an {@link StoreException.InvalidArgument}, and so is a record
 * over the {@link StoreLimits}.
 *
 * <p>Access and expiry: every read or write of a session, of its variables or of its programs
 * refreshes the session's {@code lastAccessedAt}; {@link #exists}, {@link #list} and a {@link
 * #create} of an existing id do not. A session idle past its TTL still exists until {@link
 * #expireIdleSessions} removes it.
 *
 * <p>Request ids: the writes a client may need to send again after losing the reply take an
 * optional {@link RequestId}. The first request with an id is applied and its reply recorded in the
 * same atomic write; a repeat within {@link RequestId#WINDOW} returns that reply (or throws that
 * failure) again and changes nothing, and another request with the id is an {@link
 * StoreException.InvalidArgument}. Checks made before the store decides (identifiers, limits) are
 * not recorded. {@link #expireIdleSessions} forgets the records older than the window.
 */
public interface SessionStore extends AutoCloseable {

  /** The largest page {@link #list} returns. */
  int MAX_PAGE_SIZE = 1000;

  /** The size {@link #exportRecords} fills a page to, in serialized bytes. */
  long EXPORT_PAGE_BYTES = 1024 * 1024;

  /**
   * The largest batch {@link #importRecords} takes, in serialized bytes; a batch of a single record
   * may be larger. It keeps a batch within one replicated log entry.
   */
  long MAX_IMPORT_BATCH_BYTES = 1024 * 1024;

  /** Creates the session, or returns the existing one unchanged when the id is taken. */
  default Session create(String sessionId, SessionOptions options) {
    return create(sessionId, options, Optional.empty());
  }

  /** {@link #create(String, SessionOptions)}, deduplicated by the request id when there is one. */
  Session create(String sessionId, SessionOptions options, Optional<RequestId> requestId);

  /**
   * Returns the session and marks it accessed (for its TTL). Touches are coalesced and persisted in
   * batches, so the stored {@code lastAccessedAt} may lag by up to the store's touch interval.
   *
   * @throws StoreException.NotFound when there is no such session
   */
  Session get(String sessionId);

  boolean exists(String sessionId);

  /**
   * Replaces the session's metadata and TTL with what {@code change} returns, by compare-and-set on
   * the session's version; retried a few times when another writer got there first.
   *
   * <p>{@code change} runs once per attempt, outside any lock of the store: it must have no side
   * effects that a retry would repeat.
   *
   * @throws StoreException.Conflict when every retry lost the race
   * @throws StoreException.NotFound when there is no such session
   */
  Session update(String sessionId, UnaryOperator<SessionOptions> change);

  /** Deletes the session with its variables and programs; false when it did not exist. */
  default boolean delete(String sessionId) {
    return delete(sessionId, Optional.empty());
  }

  /** {@link #delete(String)}, deduplicated by the request id when there is one. */
  boolean delete(String sessionId, Optional<RequestId> requestId);

  /**
   * Sessions in id order, starting after {@code cursor} (empty for the first page).
   *
   * @param cursor empty, or a session id (present or not) to start after
   * @param limit 1 to {@link #MAX_PAGE_SIZE}
   * @throws StoreException.InvalidArgument when the limit is out of range or the cursor is no id
   */
  SessionPage list(String cursor, int limit);

  /**
   * @throws StoreException.NotFound when the session or the variable is absent
   */
  Variable getVariable(String sessionId, String name);

  /**
   * Writes a variable. With an expected version: 0 means the variable must not exist, N means it
   * must be at version N.
   *
   * @throws StoreException.Conflict when the expected version does not match
   * @throws StoreException.NotFound when the session is absent
   * @throws StoreException.InvalidArgument when the expected version is negative
   */
  default Variable putVariable(
      String sessionId, String name, Value value, OptionalLong expectedVersion) {
    return putVariable(sessionId, name, value, expectedVersion, Optional.empty());
  }

  /**
   * {@link #putVariable(String, String, Value, OptionalLong)}, deduplicated by the request id when
   * there is one.
   */
  Variable putVariable(
      String sessionId,
      String name,
      Value value,
      OptionalLong expectedVersion,
      Optional<RequestId> requestId);

  /**
   * Deletes a variable, optionally only at an expected version (which must be positive).
   *
   * @return false when the variable did not exist (and no version was expected)
   * @throws StoreException.Conflict when the expected version does not match
   * @throws StoreException.NotFound when the session is absent
   */
  default boolean deleteVariable(String sessionId, String name, OptionalLong expectedVersion) {
    return deleteVariable(sessionId, name, expectedVersion, Optional.empty());
  }

  /**
   * {@link #deleteVariable(String, String, OptionalLong)}, deduplicated by the request id when
   * there is one.
   */
  boolean deleteVariable(
      String sessionId, String name, OptionalLong expectedVersion, Optional<RequestId> requestId);

  /*
   * The variable calls without waiting, for a caller with several at once: each future completes
   * with what the blocking method returns, or fails with the exception it throws. A store that
   * packs concurrent calls together (the Raft store) takes them all before the first is answered;
   * the defaults run the blocking method on the calling thread.
   */

  /**
   * Whether the variable calls below return without waiting for the store, so that a caller may
   * make them on a thread that must not block, such as a network thread. The defaults run the
   * blocking method on the calling thread; a store that overrides all three says so here.
   */
  default boolean variableCallsReturnAtOnce() {
    return false;
  }

  /** {@link #getVariable}, without waiting. */
  default CompletableFuture<Variable> getVariableAsync(String sessionId, String name) {
    return StoreFutures.completed(() -> getVariable(sessionId, name));
  }

  /** {@link #putVariable(String, String, Value, OptionalLong, Optional)}, without waiting. */
  default CompletableFuture<Variable> putVariableAsync(
      String sessionId,
      String name,
      Value value,
      OptionalLong expectedVersion,
      Optional<RequestId> requestId) {
    return StoreFutures.completed(
        () -> putVariable(sessionId, name, value, expectedVersion, requestId));
  }

  /** {@link #deleteVariable(String, String, OptionalLong, Optional)}, without waiting. */
  default CompletableFuture<Boolean> deleteVariableAsync(
      String sessionId, String name, OptionalLong expectedVersion, Optional<RequestId> requestId) {
    return StoreFutures.completed(
        () -> deleteVariable(sessionId, name, expectedVersion, requestId));
  }

  /**
   * Stores a program (opaque bytes with metadata) under the session, replacing any earlier one with
   * the same id.
   *
   * @throws StoreException.NotFound when the session is absent
   */
  default Program putProgram(
      String sessionId, String programId, ByteString data, Map<String, String> metadata) {
    return putProgram(sessionId, programId, data, metadata, Optional.empty());
  }

  /** {@link #putProgram(String, String, ByteString, Map)}, deduplicated by the request id. */
  Program putProgram(
      String sessionId,
      String programId,
      ByteString data,
      Map<String, String> metadata,
      Optional<RequestId> requestId);

  /**
   * @throws StoreException.NotFound when the session or the program is absent
   */
  Program getProgram(String sessionId, String programId);

  /**
   * Deletes, with their variables and programs, the sessions idle for longer than their TTL at the
   * store's current time. Pending touches count: a session touched a moment ago does not expire.
   * Forgets the request records older than {@link RequestId#WINDOW} too.
   *
   * @return how many sessions expired
   */
  int expireIdleSessions();

  /**
   * One page of every record of the store, for export: sessions first, then variables, then
   * programs, each in id order, so that importing them in this order meets each session before what
   * it holds. A page is filled to about {@link #EXPORT_PAGE_BYTES}. Reads touch nothing.
   *
   * <p>Pages are read one by one: a copy taken while clients write is not one point in time. Stop
   * the writers for an exact copy.
   *
   * @param cursor empty for the first page, then the {@code nextCursor} of the page before
   * @throws StoreException.InvalidArgument when the cursor is not one this store gave out
   */
  RecordPage exportRecords(String cursor);

  /**
   * Writes exported records as they were, versions and times included, all or none. A record
   * already stored with the same content is skipped, so an interrupted import can run again. An
   * imported session counts as accessed now, so that it does not expire on arrival.
   *
   * @param batch at most {@link #MAX_IMPORT_BATCH_BYTES}, sessions before what they hold
   * @throws StoreException.Conflict when a record is stored with other content
   * @throws StoreException.NotFound when a variable's or program's session is neither stored nor
   *     earlier in the batch
   * @throws StoreException.InvalidArgument when a record breaks the rules of {@link Identifiers} or
   *     the {@link StoreLimits}, or the batch is too large
   */
  ImportCounts importRecords(List<StoredRecord> batch);

  /**
   * Registers (or re-registers) a node of the cluster with the address its API serves on, so that
   * other nodes can forward calls to it.
   *
   * @throws StoreException.InvalidArgument when the id breaks the rules of {@link Identifiers} or
   *     the address is empty or longer than 256 characters
   */
  void registerNode(String nodeId, String apiAddress);

  /** Every registered node, in id order. */
  List<NodeRecord> nodes();

  /** This store's replicas and how they are doing, as this node sees them. */
  StoreStatus status();

  /** Adding and removing replicas, for a replicated store; empty (the default) for one node. */
  default Optional<Membership> membership() {
    return Optional.empty();
  }

  /**
   * The replicas of a replicated store, as ids and the addresses they replicate on. A change waits
   * until the group committed it; the group runs one change at a time.
   */
  interface Membership {

    /** The members in this replica's latest configuration: id to address, in id order. */
    SortedMap<String, String> members();

    /**
     * Adds a replica, which must already run and wait to be added; the group catches it up (from a
     * snapshot when its log was purged) before it counts towards the majority.
     *
     * @return the members after the change
     * @throws StoreException.AlreadyExists when the id is a member
     * @throws StoreException.InvalidArgument when the id is no identifier, the address is not
     *     {@code host:port}, or another member has that address
     * @throws StoreException.Unavailable when the group did not commit the change: no majority, the
     *     new replica did not catch up in time, or another change was under way
     */
    SortedMap<String, String> add(String memberId, String address);

    /**
     * Removes a replica, the leader included (the group then elects another). The removed replica
     * stops serving the store and learns it through {@link #removed()}.
     *
     * @return the members after the change
     * @throws StoreException.NotFound when the id is not a member
     * @throws StoreException.FailedPrecondition when it is the last member
     * @throws StoreException.Unavailable when the group did not commit the change
     */
    SortedMap<String, String> remove(String memberId);

    /**
     * Has the leader hand its leadership to {@code memberId}, after bringing it up to date, and
     * returns once that member leads. A new leader replicates to every follower afresh.
     *
     * @throws StoreException.NotFound when the id is not a member
     * @throws StoreException.Unavailable when the group did not hand over in time
     */
    void transferLeadership(String memberId);

    /**
     * Completes, with a sentence saying how, once this replica was removed from the group and
     * stopped; afterwards this node's replica serves nothing.
     */
    CompletableFuture<String> removed();
  }

  /**
   * Releases the store's resources; touches of reads that returned before the call are written
   * first. Idempotent; afterwards every call fails with {@link StoreException.Unavailable}.
   */
  @Override
  void close();
}
