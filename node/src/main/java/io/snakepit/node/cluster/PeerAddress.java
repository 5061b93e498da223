package io.snakepit.node.cluster;

/** A node of the cluster and where its API serves. */
record PeerAddress(String id, String address) {}
