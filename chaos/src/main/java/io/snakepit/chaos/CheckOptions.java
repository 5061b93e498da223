package io.snakepit.chaos;

import io.snakepit.chaos.edn.EdnReader;
import io.snakepit.chaos.model.CasRegister;
import io.snakepit.chaos.model.Model;
import io.snakepit.chaos.model.MultiRegister;
import io.snakepit.chaos.model.Semantics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The command line of {@link CheckCommand}, validated. */
record CheckOptions(String model, Object initial, boolean strict, Duration budget, Path file) {
  static final String USAGE =
      "usage: CheckCommand --model cas-register|multi-register [--initial 0|nil] [--strict]"
          + " [--budget SECONDS] FILE.edn";
  private static final Duration DEFAULT_BUDGET = Duration.ofSeconds(60);

  static CheckOptions parse(String... args) {
    String model = null;
    Object initial = null;
    boolean strict = false;
    Duration budget = DEFAULT_BUDGET;
    Path file = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--model":
          model = value(args, ++i);
          break;
        case "--initial":
          initial = initialValue(value(args, ++i));
          break;
        case "--strict":
          strict = true;
          break;
        case "--budget":
          budget = Duration.ofSeconds(seconds(value(args, ++i)));
          break;
        default:
          if (args[i].startsWith("--") || file != null) {
            throw new IllegalArgumentException("unexpected argument " + args[i]);
          }
          file = Path.of(args[i]);
      }
    }
    if (model == null || file == null) {
      throw new IllegalArgumentException("--model and FILE are required");
    }
    return new CheckOptions(model, initial, strict, budget, file);
  }

  Model<?> buildModel() {
    switch (model) {
      case "cas-register":
        return new CasRegister(initial, strict ? Semantics.STRICT : Semantics.LENIENT);
      case "multi-register":
        if (strict) {
          throw new IllegalArgumentException("the multi-register has only lenient semantics");
        }
        return new MultiRegister(initial);
      default:
        throw new IllegalArgumentException("unknown model " + model);
    }
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value");
    }
    return args[i];
  }

  /** Any EDN scalar, so that the initial value is read exactly as the history's values are. */
  private static Object initialValue(String text) {
    List<Object> forms = EdnReader.readAll(text);
    if (forms.size() != 1 || forms.get(0) instanceof Iterable) {
      throw new IllegalArgumentException("--initial takes one value, such as 0 or nil");
    }
    return forms.get(0);
  }

  private static long seconds(String text) {
    try {
      long seconds = Long.parseLong(text);
      if (seconds > 0) {
        return seconds;
      }
    } catch (NumberFormatException e) {
      // falls through to the usage error below
    }
    throw new IllegalArgumentException("--budget takes a positive number of seconds");
  }
}
