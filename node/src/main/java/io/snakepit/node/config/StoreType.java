package io.snakepit.node.config;

/** Where a node keeps its sessions ({@code store.type}). */
public enum StoreType {
  /** RocksDB on this node alone. */
  EMBEDDED,
  /** One replica of the cluster's Raft group; every node sees every session. */
  RAFT
}
