package io.snakepit.chaos.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * A register as a store would implement it, each call applied atomically at the moment the
 * simulation chooses; the factories plant the bugs the checker must catch.
 */
public interface SimulatedRegister {
  Object read();

  void write(Object value);

  boolean cas(Object expected, Object replacement);

  static SimulatedRegister correct() {
    return new Atomic();
  }

  /** Sometimes answers a read from a replica a few writes behind. */
  static SimulatedRegister staleReads(Random random, double rate) {
    return new Atomic() {
      @Override
      public Object read() {
        return random.nextDouble() < rate ? versionsAgo(3) : super.read();
      }
    };
  }

  /** Sometimes acknowledges a write that it never applies. */
  static SimulatedRegister lostWrites(Random random, double rate) {
    return new Atomic() {
      @Override
      public void write(Object value) {
        if (random.nextDouble() >= rate) {
          super.write(value);
        }
      }
    };
  }

  /**
   * Sometimes applies a successful compare-and-set a second time, as a log entry proposed twice by
   * a retrying client: the duplicate lands right after a later write that brings the register back
   * to the expected value, and swaps it again.
   */
  static SimulatedRegister casAppliedTwice(Random random, double rate) {
    return new Atomic() {
      private Object[] duplicate;

      @Override
      public void write(Object value) {
        super.write(value);
        applyDuplicate();
      }

      @Override
      public boolean cas(Object expected, Object replacement) {
        boolean swapped = super.cas(expected, replacement);
        if (swapped && random.nextDouble() < rate) {
          duplicate = new Object[] {expected, replacement};
        } else {
          applyDuplicate();
        }
        return swapped;
      }

      private void applyDuplicate() {
        if (duplicate != null && Objects.equals(current(), duplicate[0])) {
          append(duplicate[1]);
          duplicate = null;
        }
      }
    };
  }

  /** Starts absent (null), like a session variable never written. */
  class Atomic implements SimulatedRegister {
    private final List<Object> versions = new ArrayList<>();

    Atomic() {
      versions.add(null);
    }

    @Override
    public Object read() {
      return current();
    }

    @Override
    public void write(Object value) {
      append(value);
    }

    @Override
    public boolean cas(Object expected, Object replacement) {
      if (!Objects.equals(current(), expected)) {
        return false;
      }
      append(replacement);
      return true;
    }

    // Final so that the bugs planted by overriding the public calls cannot recurse into them.
    final Object current() {
      return versionsAgo(0);
    }

    final void append(Object value) {
      versions.add(value);
    }

    final Object versionsAgo(int count) {
      return versions.get(Math.max(0, versions.size() - 1 - count));
    }
  }
}
