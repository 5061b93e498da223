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
    if (!recorded.get().getRequestHash().equals(hash(command))) {
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
            .setRequestHash(hash(command))
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

  /** The ids of the records that are out of the window at {@code nowMillis}. */
  public List<String> outOfWindow(long nowMillis) {
    List<String> expired = new ArrayList<>();
    records.scanRequests(
        (requestId, record) -> {
          if (!isLive(record, nowMillis)) {
            expired.add(requestId);
          }
        });
    return expired;
  }

  /** Whether the request is still out of the window (it may have been repeated since a scan). */
  public boolean isOutOfWindow(String requestId, long nowMillis) {
    return records.request(requestId).filter(r -> isLive(r, nowMillis)).isEmpty();
  }

  private static boolean isLive(RequestRecord record, long nowMillis) {
    return nowMillis - record.getAppliedAtMillis() < RequestId.WINDOW.toMillis();
  }

  /**
   * SHA-256 of the command without its time and request id, serialized deterministically (map
   * entries sorted), so that the same request hashes the same on every replica and every attempt.
   */
  static ByteString hash(Command command) {
    Command request = command.toBuilder().clearNowMillis().clearRequestId().build();
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
