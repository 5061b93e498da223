package io.snakepit.chaos.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

class PairingTest {

  @Test
  void pairsEachInvocationWithTheNextCompletionOfItsProcess() {
    List<Operation> operations =
        Pairing.pair(
            HistoryReader.parse(
                "[{:process 1, :type :invoke, :f :read, :value nil}"
                    + " {:process 2, :type :invoke, :f :write, :value 3}"
                    + " {:process 1, :type :ok, :f :read, :value 0}"
                    + " {:process 2, :type :fail, :f :write, :value 3}]"));

    assertThat(operations)
        .extracting(Operation::process, Operation::outcome, Operation::value, Operation::ret)
        .containsExactly(tuple(1L, OpType.OK, 0L, 2), tuple(2L, OpType.FAIL, 3L, 3));
  }

  @Test
  void unknownAndUncompletedCallsMayTakeEffectAnyTimeAfterTheirCall() {
    List<Operation> operations =
        Pairing.pair(
            HistoryReader.parse(
                "{:process 1, :type :invoke, :f :write, :value 1}\n"
                    + "{:process 1, :type :info, :f :write, :value 1}\n"
                    + "{:process 2, :type :invoke, :f :write, :value 2}\n"
                    + "{:process 3, :type :invoke, :f :write, :value 3}\n"
                    + "{:process 3, :type :invoke, :f :write, :value 4}\n"));

    assertThat(operations).extracting(Operation::call).containsExactly(0, 2, 3, 4);
    assertThat(operations)
        .allSatisfy(
            op -> {
              assertThat(op.outcome()).isEqualTo(OpType.INFO);
              assertThat(op.mustTakeEffect()).isFalse();
            });
  }

  @Test
  void ignoresTheNemesisAndOrphanCompletions() {
    List<Operation> operations =
        Pairing.pair(
            HistoryReader.parse(
                "[{:process :nemesis, :type :info, :f :start, :value nil}"
                    + " {:process 5, :type :ok, :f :read, :value 1}"
                    + " {:process 1, :type :invoke, :f :read, :value nil}"
                    + " {:process :nemesis, :type :info, :f :stop, :value nil}"
                    + " {:process 1, :type :ok, :f :read, :value 2}]"));

    assertThat(operations).singleElement().satisfies(op -> assertThat(op.call()).isEqualTo(2));
  }
}
