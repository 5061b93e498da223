package io.snakepit.bench.store;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.Compare;
import io.etcd.jetcd.api.KVGrpc;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.RangeRequest;
import io.etcd.jetcd.api.RangeResponse;
import io.etcd.jetcd.api.RequestOp;
import io.etcd.jetcd.api.TxnRequest;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Records as keys of an etcd cluster, through etcd's own gRPC API: record {@code r} is the key
 * {@code /sessions/bench-r}; a compare-and-set is a transaction that compares the key's version and
 * puts; a read is a range request, linearizable as etcd's default (not serializable) makes it.
 *
 * <p>The calls are blocking grpc-java stubs of etcd's {@code rpc.proto} (as published by jetcd in
 * {@code jetcd-grpc}), one channel per member, made the way the Snakepit SDK makes its calls: both
 * sides pay the same client costs, and the ratio compares the stores. The full jetcd client
 * (jetcd-core 0.8.7) runs on our gRPC 1.85, but it hands every call to an executor for its retry
 * policy and runs on Vert.x with unshaded grpc-netty and a second Netty: on the two cores the
 * servers share, etcd would be billed for its client's hand-offs.
 */
final class EtcdRecords implements RecordStore {

  private final List<ManagedChannel> channels;
  private final List<KVGrpc.KVBlockingStub> members;
  private final Duration callTimeout;

  EtcdRecords(List<String> targets, Duration callTimeout) {
    this.channels =
        targets.stream()
            .map(target -> Grpc.newChannelBuilder(target, InsecureChannelCredentials.create()))
            .map(builder -> builder.build())
            .toList();
    this.members = channels.stream().map(KVGrpc::newBlockingStub).toList();
    this.callTimeout = callTimeout;
  }

  @Override
  public long compareAndSet(int record, long expectedVersion, byte[] value) {
    ByteString key = key(record);
    TxnRequest transaction =
        TxnRequest.newBuilder()
            .addCompare(
                Compare.newBuilder()
                    .setKey(key)
                    .setTarget(Compare.CompareTarget.VERSION)
                    .setResult(Compare.CompareResult.EQUAL)
                    .setVersion(expectedVersion))
            .addSuccess(
                RequestOp.newBuilder()
                    .setRequestPut(
                        PutRequest.newBuilder().setKey(key).setValue(ByteString.copyFrom(value))))
            .build();
    if (!member(record).txn(transaction).getSucceeded()) {
      throw new IllegalStateException(
          "etcd key " + key.toStringUtf8() + " is not at version " + expectedVersion);
    }
    // The put ran in the same transaction as the comparison: nothing came between.
    return expectedVersion + 1;
  }

  @Override
  public long version(int record) {
    RangeResponse range =
        member(record).range(RangeRequest.newBuilder().setKey(key(record)).build());
    return range.getKvsCount() == 0 ? 0 : range.getKvs(0).getVersion();
  }

  @Override
  public void close() {
    channels.forEach(ManagedChannel::shutdownNow);
  }

  private KVGrpc.KVBlockingStub member(int record) {
    return members
        .get(record % members.size())
        .withDeadlineAfter(callTimeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static ByteString key(int record) {
    return ByteString.copyFrom("/sessions/bench-" + record, StandardCharsets.UTF_8);
  }
}
