package io.snakepit.store.raft;

import io.snakepit.store.StoreStatus;
import io.snakepit.store.v1.GroupStatus;
import io.snakepit.store.v1.MemberProgress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.ratis.proto.RaftProtos.CommitInfoProto;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.proto.RaftProtos.ServerRpcProto;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.statemachine.SnapshotInfo;

/**
 * Reads a replica's view of its group out of Ratis, and joins the leader's view of the members with
 * the answering node's own indexes into a {@link StoreStatus}.
 */
final class GroupStatuses {

  private GroupStatuses() {}

  /** What {@code division} knows of the group: on the leader, every member's progress. */
  static GroupStatus view(RaftServer.Division division) {
    DivisionInfo info = division.getInfo();
    Map<String, Long> sinceContact = new HashMap<>();
    RoleInfoProto role = info.getRoleInfoProto();
    if (role.hasLeaderInfo()) {
      for (ServerRpcProto follower : role.getLeaderInfo().getFollowerInfoList()) {
        sinceContact.put(
            follower.getId().getId().toStringUtf8(), follower.getLastRpcElapsedTimeMs());
      }
    }
    GroupStatus.Builder status =
        GroupStatus.newBuilder()
            .setSelfId(division.getId().toString())
            .setLeaderId(Optional.ofNullable(info.getLeaderId()).map(Object::toString).orElse(""))
            .setTerm(info.getCurrentTerm());
    for (CommitInfoProto commit : division.getCommitInfos()) {
      String id = commit.getServer().getId().toStringUtf8();
      MemberProgress.Builder member =
          MemberProgress.newBuilder().setId(id).setCommitIndex(commit.getCommitIndex());
      Optional.ofNullable(sinceContact.get(id)).ifPresent(member::setMillisSinceContact);
      status.addMembers(member);
    }
    return status.build();
  }

  /**
   * The local replica's indexes with the leader's view of the members, when the leader answered.
   *
   * @param healthyWithin how recent the leader's last contact with a follower must be
   */
  static StoreStatus of(
      RaftServer.Division local, Optional<GroupStatus> answered, Duration healthyWithin) {
    DivisionInfo info = local.getInfo();
    // A replica that lost the leadership since answers with a follower's view, which knows no
    // member's progress.
    Optional<GroupStatus> leaderView =
        answered.filter(view -> view.getSelfId().equals(view.getLeaderId()));
    Optional<String> leader =
        leaderView
            .map(GroupStatus::getLeaderId)
            .filter(id -> !id.isEmpty())
            .or(() -> Optional.ofNullable(info.getLeaderId()).map(RaftPeerId::toString));
    Map<String, MemberProgress> progress = new HashMap<>();
    leaderView.ifPresent(view -> view.getMembersList().forEach(m -> progress.put(m.getId(), m)));
    List<StoreStatus.Member> members =
        local.getRaftConf().getCurrentPeers().stream()
            .map(peer -> member(peer, leader, progress.get(peer.getId().toString()), healthyWithin))
            .sorted(java.util.Comparator.comparing(StoreStatus.Member::id))
            .toList();
    SnapshotInfo snapshot = local.getStateMachine().getLatestSnapshot();
    return new StoreStatus(
        "raft",
        local.getId().toString(),
        leader,
        info.getCurrentTerm(),
        local.getRaftLog().getLastCommittedIndex(),
        info.getLastAppliedIndex(),
        snapshot == null ? 0 : snapshot.getIndex(),
        members);
  }

  private static StoreStatus.Member member(
      RaftPeer peer, Optional<String> leader, MemberProgress progress, Duration healthyWithin) {
    String id = peer.getId().toString();
    boolean isLeader = leader.isPresent() && leader.get().equals(id);
    if (progress == null) {
      return new StoreStatus.Member(
          id,
          peer.getAddress(),
          isLeader ? StoreStatus.Role.LEADER : StoreStatus.Role.UNKNOWN,
          false,
          OptionalLong.empty(),
          Optional.empty());
    }
    Optional<Duration> sinceContact =
        progress.hasMillisSinceContact()
            ? Optional.of(Duration.ofMillis(progress.getMillisSinceContact()))
            : Optional.empty();
    boolean healthy =
        isLeader || sinceContact.map(since -> since.compareTo(healthyWithin) <= 0).orElse(false);
    return new StoreStatus.Member(
        id,
        peer.getAddress(),
        isLeader ? StoreStatus.Role.LEADER : StoreStatus.Role.FOLLOWER,
        healthy,
        OptionalLong.of(progress.getCommitIndex()),
        sinceContact);
  }
}
