package io.snakepit.chaos.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.snakepit.chaos.runtime.Cluster;
import io.snakepit.chaos.runtime.FaultNotApplied;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class NemesisTest {

  private static final Nemesis.Rhythm AT_ONCE =
      new Nemesis.Rhythm(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);

  @Test
  void aFaultTheRuntimeCouldNotApplyIsLoggedAndTheNemesisGoesOn() throws Exception {
    CountDownLatch thirdTry = new CountDownLatch(3);
    Fault everyOtherFails =
        new Fault() {
          private final AtomicInteger tries = new AtomicInteger();

          @Override
          public String name() {
            return "flaky";
          }

          @Override
          public Injection inject(Cluster cluster, Random random) {
            thirdTry.countDown();
            int attempt = tries.incrementAndGet();
            if (attempt % 2 == 1) {
              throw new FaultNotApplied("could not freeze n" + attempt, new RuntimeException());
            }
            return new Injection() {
              @Override
              public String description() {
                return "froze n" + attempt;
              }

              @Override
              public void heal() {}
            };
          }
        };
    Nemesis nemesis = new Nemesis(everyOtherFails, null, 7, AT_ONCE, line -> {});
    Thread running = new Thread(nemesis);
    running.start();
    thirdTry.await();
    nemesis.stop();
    running.join();

    FaultLog log = nemesis.log();
    assertThat(log.notApplied()).startsWith("could not freeze n1", "could not freeze n3");
    assertThat(log.applied()).extracting(FaultWindow::description).startsWith("froze n2");
  }
}
