package io.snakepit.store.rocks;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import io.snakepit.store.RequestId;
import io.snakepit.store.StoreException;
import io.snakepit.store.v1.Command;
import io.snakepit.store.v1.Reply;
import io.snakepit.store.v1.RequestRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What writes with a request id answered, so that a repeat is answered from the record instead of
 * being applied twice. Time comes only from the command ({@code now_millis}), never from a clock,
 * so that every replica of a Raft store decides the same: a record older than {@link
 * RequestId#WINDOW} counts as absent whether or not expiry has deleted it yet.
 */
public final class RequestRecords {

  /** At most this many records are forgotten at once, so that one expiry stays short. */
  static final int FORGET_AT_ONCE = 10_000;

  /** A request record's entry in the index by time. */
  public record Indexed(String requestId, byte[] indexKey) {}

  private final SessionRecords records;

  public RequestRecords(SessionRecords records) {
    this.records = records;
  }

  /**
   * The reply recorded for the command's request id within the window, or empty when the request is
   * new.
   *
   * @throws StoreException.InvalidArgument when the id is no valid request id, or is recorded for
   *     another request within the window
   */
  public Optional<Reply> answered(Command command) {
    String requestId = new RequestId(command.getRequestId()).value();
    Optional<RequestRecord> recorded =
        records.request(requestId).filter(r -> isLive(r, command.getNowMillis()));
    if (recorded.isEmpty()) {
      return Optional.empty();
    }
    if (!recorded.get().getRequestHash().equals(hashOf(command))) {
      throw new StoreException.InvalidArgument(
          "request id '" + requestId + "' was used for another request");
    }
    return Optional.of(withPayload(recorded.get().getReply(), command));
  }

  /** Adds the record of the command's request and its reply to the command's writes. */
  public void record(Command command, Reply reply, RecordWrites writes) {
    writes.putRequest(
        command.getRequestId(),
        RequestRecord.newBuilder()
            .setRequestHash(hashOf(command))
            .setAppliedAtMillis(command.getNowMillis())
            .setReply(withoutPayload(reply))
            .build());
  }

  /**
   * The reply without the value or program data it repeats from the request, so that a record does
   * not keep a second copy of a large payload for the whole window. A repeat has the same hash, so
   * its request holds the same payload to put back.
   */
  private static Reply withoutPayload(Reply reply) {
    if (reply.hasVariable()) {
      return reply.toBuilder().setVariable(reply.getVariable().toBuilder().clearValue()).build();
    }
    if (reply.hasProgram()) {
      return reply.toBuilder().setProgram(reply.getProgram().toBuilder().clearData()).build();
    }
    return reply;
  }

  private static Reply withPayload(Reply recorded, Command command) {
    if (recorded.hasVariable() && command.hasPutVariable()) {
      return recorded.toBuilder()
          .setVariable(
              recorded.getVariable().toBuilder().setValue(command.getPutVariable().getValue()))
          .build();
    }
    if (recorded.hasProgram() && command.hasPutProgram()) {
      return recorded.toBuilder()
          .setProgram(recorded.getProgram().toBuilder().setData(command.getPutProgram().getData()))
          .build();
    }
    return recorded;
  }

  /**
   * The oldest index entries of requests applied out of the window at {@code nowMillis}, at most
   * {@link #FORGET_AT_ONCE}. Only those are read, however many records the window holds.
   */
  public List<Indexed> outOfWindow(long nowMillis) {
    List<Indexed> found = new ArrayList<>();
    // Applied at t, a record is out of the window from t + WINDOW on.
    records.scanRequestsAppliedBefore(
        nowMillis - RequestId.WINDOW.toMillis() + 1,
        (indexKey, requestId) -> {
          found.add(new Indexed(requestId, indexKey));
          return found.size() < FORGET_AT_ONCE;
        });
    return found;
  }

  /**
   * Adds to {@code writes} the removal of the index entry and of its record, unless the id was
   * applied again since and is back in the window (the new record has an index entry of its own).
   */
  public void forget(Indexed entry, long nowMillis, RecordWrites writes) {
    writes.deleteRequestIndexKey(entry.indexKey());
    if (records.request(entry.requestId()).filter(r -> isLive(r, nowMillis)).isEmpty()) {
      writes.deleteRequest(entry.requestId());
    }
  }

  private static boolean isLive(RequestRecord record, long nowMillis) {
    return nowMillis - record.getAppliedAtMillis() < RequestId.WINDOW.toMillis();
  }

  /** The command with its request's hash, for a proposer to send. */
  public static Command withHash(Command command) {
    return command.toBuilder().setRequestHash(hash(command)).build();
  }

  private static ByteString hashOf(Command command) {
    return command.getRequestHash().isEmpty() ? hash(command) : command.getRequestHash();
  }

  /**
   * SHA-256 of the command without its time, request id and hash, serialized deterministically (map
   * entries sorted), so that the same request hashes the same on every replica and every attempt.
   */
  static ByteString hash(Command command) {
    Command request =
        command.toBuilder().clearNowMillis().clearRequestId().clearRequestHash().build();
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(request.getSerializedSize());
      CodedOutputStream out = CodedOutputStream.newInstance(bytes);
      out.useDeterministicSerialization();
      request.writeTo(out);
      out.flush();
      return ByteString.copyFrom(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
