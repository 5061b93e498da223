package io.snakepit.store.raft;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import org.apache.ratis.protocol.Message;
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

  static <T> T parse(Parser<T> parser, ByteString bytes) throws InvalidProtocolBufferException {
    return parser.parseFrom(bytes.asReadOnlyByteBuffer());
  }
}
