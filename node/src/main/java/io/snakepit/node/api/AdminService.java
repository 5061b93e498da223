package io.snakepit.node.api;

import io.grpc.stub.StreamObserver;
import io.snakepit.api.v1.AddMemberRequest;
import io.snakepit.api.v1.AdminGrpc;
import io.snakepit.api.v1.ExportRecordsRequest;
import io.snakepit.api.v1.ExportRecordsResponse;
import io.snakepit.api.v1.GetStoreStatusRequest;
import io.snakepit.api.v1.GroupMember;
import io.snakepit.api.v1.ImportRecordsRequest;
import io.snakepit.api.v1.ImportRecordsResponse;
import io.snakepit.api.v1.MembershipResponse;
import io.snakepit.api.v1.RemoveMemberRequest;
import io.snakepit.api.v1.StoreMember;
import io.snakepit.api.v1.StoreStatus;
import io.snakepit.store.SessionStore;
import io.snakepit.store.StoreException;
import io.snakepit.store.v1.ImportCounts;
import io.snakepit.store.v1.RecordPage;
import java.util.SortedMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API: the store's status and members, and export and import of its records. Store calls
 * run on the store executor, like the public API's, because a Raft read or write blocks until the
 * group answers.
 */
public final class AdminService extends AdminGrpc.AdminImplBase {

  private static final Logger log = LoggerFactory.getLogger(AdminService.class);

  private final SessionStore store;
  private final Executor storeExecutor;

  public AdminService(SessionStore store, Executor storeExecutor) {
    this.store = store;
    this.storeExecutor = storeExecutor;
  }

  @Override
  public void getStoreStatus(GetStoreStatusRequest request, StreamObserver<StoreStatus> observer) {
    storeExecutor.execute(() -> SnakepitApiService.answer(observer, () -> toProto(store.status())));
  }

  @Override
  public void exportRecords(
      ExportRecordsRequest request, StreamObserver<ExportRecordsResponse> observer) {
    storeExecutor.execute(
        () ->
            SnakepitApiService.answer(
                observer,
                () -> {
                  RecordPage page = store.exportRecords(request.getCursor());
                  return ExportRecordsResponse.newBuilder()
                      .addAllRecords(page.getRecordsList())
                      .setNextCursor(page.getNextCursor())
                      .build();
                }));
  }

  @Override
  public void importRecords(
      ImportRecordsRequest request, StreamObserver<ImportRecordsResponse> observer) {
    storeExecutor.execute(
        () ->
            SnakepitApiService.answer(
                observer,
                () -> {
                  ImportCounts counts = store.importRecords(request.getRecordsList());
                  return ImportRecordsResponse.newBuilder()
                      .setWritten(counts.getWritten())
                      .setUnchanged(counts.getUnchanged())
                      .build();
                }));
  }

  @Override
  public void addMember(AddMemberRequest request, StreamObserver<MembershipResponse> observer) {
    storeExecutor.execute(
        () ->
            SnakepitApiService.answer(
                observer,
                () -> {
                  SortedMap<String, String> members =
                      membership().add(request.getId(), request.getRaftAddress());
                  if (!request.getApiAddress().isEmpty()) {
                    register(request.getId(), request.getApiAddress());
                  }
                  return toProto(members);
                }));
  }

  @Override
  public void removeMember(
      RemoveMemberRequest request, StreamObserver<MembershipResponse> observer) {
    storeExecutor.execute(
        () ->
            SnakepitApiService.answer(
                observer, () -> toProto(membership().remove(request.getId()))));
  }

  /**
   * The member is added whatever happens here: a failure is only logged, and the node registers
   * itself at its first poll anyway.
   */
  private void register(String nodeId, String apiAddress) {
    try {
      store.registerNode(nodeId, apiAddress);
    } catch (StoreException e) {
      log.warn("added {} but could not register its API address {}", nodeId, apiAddress, e);
    }
  }

  private SessionStore.Membership membership() {
    return store
        .membership()
        .orElseThrow(
            () ->
                new StoreException.FailedPrecondition(
                    "this node's session store is embedded: it has no members to add or remove;"
                        + " run the nodes with store.type=raft"));
  }

  private static MembershipResponse toProto(SortedMap<String, String> members) {
    MembershipResponse.Builder response = MembershipResponse.newBuilder();
    members.forEach(
        (id, address) ->
            response.addMembers(GroupMember.newBuilder().setId(id).setRaftAddress(address)));
    return response.build();
  }

  private static StoreStatus toProto(io.snakepit.store.StoreStatus status) {
    StoreStatus.Builder proto =
        StoreStatus.newBuilder()
            .setType(status.type())
            .setSelf(status.self())
            .setLeader(status.leader().orElse(""))
            .setTerm(status.term())
            .setCommitIndex(status.commitIndex())
            .setAppliedIndex(status.appliedIndex())
            .setSnapshotIndex(status.snapshotIndex());
    for (io.snakepit.store.StoreStatus.Member member : status.members()) {
      StoreMember.Builder m =
          StoreMember.newBuilder()
              .setId(member.id())
              .setAddress(member.address())
              .setRole(member.role().name())
              .setHealthy(member.healthy());
      member.commitIndex().ifPresent(m::setCommitIndex);
      member.sinceLastContact().map(ProtoTime::duration).ifPresent(m::setSinceLastContact);
      proto.addMembers(m);
    }
    return proto.build();
  }
}
