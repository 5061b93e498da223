package io.snakepit.store.raft;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import io.snakepit.store.StoreException;
import io.snakepit.store.v1.Reply;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;

/**
 * Crosses between the project's protobuf messages and Ratis's {@link Message}, which carries bytes
 * in Ratis's own shaded protobuf.
 */
final class Messages {

  private Messages() {}

  static Message of(MessageLite message) {
    return Message.valueOf(UnsafeByteOperations.unsafeWrap(message.toByteArray()));
  }

  /**
   * A reply from the session group as its state machine gave it, decided failures included; throws
   * when the group refused the call or sent something unreadable.
   */
  static Reply reply(RaftClientReply reply) {
    if (!reply.isSuccess()) {
      throw new StoreException.Unavailable(
          "the session group refused the call: " + reply.getException(), reply.getException());
    }
    try {
      return parse(Reply.parser(), reply.getMessage().getContent());
    } catch (InvalidProtocolBufferException e) {
      throw new StoreException.Internal("the session group sent an unreadable reply", e);
    }
  }

  static <T> T parse(Parser<T> parser, ByteString bytes) throws InvalidProtocolBufferException {
    return parser.parseFrom(bytes.asReadOnlyByteBuffer());
  }
}
