package io.snakepit.chaos.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.snakepit.chaos.model.RegisterOps;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryWriterTest {

  @Test
  void recordedLinesReadBackAsTheSameHistory() throws IOException {
    Op cas = Op.invoke(3L, RegisterOps.CAS, RegisterOps.casValue(null, 1L)).onKey("k1").at(10L);
    List<Op> history = List.of(cas, cas.completed(OpType.FAIL, cas.value()).at(25L));
    StringWriter out = new StringWriter();
    HistoryWriter writer = new HistoryWriter(out);
    for (Op op : history) {
      writer.append(op);
    }

    assertThat(out.toString()).startsWith("{:process 3, :type :invoke, :f :cas, :value [nil 1]");
    assertThat(HistoryReader.parse(out.toString())).isEqualTo(history);
  }
}
