package io.snakepit.store.rocks;

import static org.assertj.core.api.Assertions.assertThat;

import io.snakepit.store.RequestId;
import io.snakepit.store.v1.RequestRecord;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Forgetting request records reads them by the time they were applied, oldest first. */
class RequestRecordsTest {

  private static final long T0 = 1_700_000_000_000L;
  private static final long WINDOW = RequestId.WINDOW.toMillis();

  @RegisterExtension final TemporaryRecords database = new TemporaryRecords();
  private SessionRecords records;
  private RequestRecords requests;

  @BeforeEach
  void open() {
    records = database.records();
    requests = new RequestRecords(records);
  }

  private void recordAt(long appliedAt, String... requestIds) {
    RecordWrites writes = new RecordWrites();
    for (String id : requestIds) {
      writes.putRequest(id, RequestRecord.newBuilder().setAppliedAtMillis(appliedAt).build());
    }
    records.write(writes);
  }

  /** One expiry's worth: what it finds, forgotten. */
  private List<String> forgetAt(long now) {
    List<RequestRecords.Indexed> found = requests.outOfWindow(now);
    RecordWrites writes = new RecordWrites();
    found.forEach(entry -> requests.forget(entry, now, writes));
    records.write(writes);
    return found.stream().map(RequestRecords.Indexed::requestId).toList();
  }

  @Test
  void recordsLeaveTheWindowInTheOrderTheyWereApplied() {
    recordAt(T0 + 2, "b");
    recordAt(T0 + 1, "c");
    recordAt(T0 + 3, "a");

    assertThat(forgetAt(T0 + 1 + WINDOW - 1)).isEmpty();
    assertThat(forgetAt(T0 + 2 + WINDOW)).containsExactly("c", "b");
    assertThat(records.request("c")).isEmpty();
    assertThat(records.request("b")).isEmpty();
    assertThat(records.request("a")).isPresent();
    assertThat(forgetAt(T0 + 3 + WINDOW)).containsExactly("a");
    assertThat(forgetAt(T0 + 10 * WINDOW)).isEmpty();
  }

  @Test
  void anIdAppliedAgainAfterTheWindowKeepsItsNewRecordUntilThatLeavesTheWindowToo() {
    recordAt(T0, "r");
    recordAt(T0 + WINDOW, "r");

    assertThat(forgetAt(T0 + WINDOW)).containsExactly("r");
    assertThat(records.request("r").orElseThrow().getAppliedAtMillis()).isEqualTo(T0 + WINDOW);

    assertThat(forgetAt(T0 + 2 * WINDOW)).containsExactly("r");
    assertThat(records.request("r")).isEmpty();
  }

  @Test
  void oneExpiryForgetsAtMostABoundedNumberAndTheNextOneTheRest() {
    String[] ids = new String[RequestRecords.FORGET_AT_ONCE + 3];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = "id-" + i;
    }
    recordAt(T0, ids);

    assertThat(forgetAt(T0 + WINDOW)).hasSize(RequestRecords.FORGET_AT_ONCE);
    assertThat(forgetAt(T0 + WINDOW)).hasSize(3);
    assertThat(forgetAt(T0 + WINDOW)).isEmpty();
    assertThat(records.request("id-0")).isEmpty();
    assertThat(records.request("id-" + (ids.length - 1))).isEmpty();
  }
}
