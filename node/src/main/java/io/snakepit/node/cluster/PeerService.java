package io.snakepit.node.cluster;

import io.grpc.stub.StreamObserver;
import io.snakepit.api.v1.DescribeRequest;
import io.snakepit.api.v1.NodeDescription;
import io.snakepit.api.v1.PeerGrpc;
import java.util.function.Supplier;

/** Answers other nodes' polls with what this node's pools offer and how busy they are. */
public final class PeerService extends PeerGrpc.PeerImplBase {

  private final Supplier<NodeDescription> self;

  public PeerService(Supplier<NodeDescription> self) {
    this.self = self;
  }

  @Override
  public void describe(DescribeRequest request, StreamObserver<NodeDescription> observer) {
    observer.onNext(self.get());
    observer.onCompleted();
  }
}
