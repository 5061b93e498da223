package io.snakepit.chaos.history;

import io.snakepit.chaos.edn.EdnReader;
import io.snakepit.chaos.edn.Keyword;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a history in either of two layouts: Jepsen's (one EDN vector or list of operation maps) or
 * the harness's (one operation map per line, nothing around them, so that a recorder killed mid-run
 * still leaves a readable file). The order of the maps is the real-time order.
 */
public final class HistoryReader {
  private HistoryReader() {}

  public static List<Op> read(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8));
  }

  public static List<Op> parse(String text) {
    List<Object> forms = EdnReader.readAll(text);
    List<?> maps =
        forms.size() == 1 && forms.get(0) instanceof List ? (List<?>) forms.get(0) : forms;
    List<Op> ops = new ArrayList<>(maps.size());
    for (Object form : maps) {
      ops.add(toOp(form));
    }
    return ops;
  }

  private static Op toOp(Object form) {
    if (!(form instanceof Map)) {
      throw new IllegalArgumentException("not an operation map: " + form);
    }
    Map<?, ?> map = (Map<?, ?>) form;
    Object process = required(map, HistoryFields.PROCESS);
    OpType type = OpType.of(keyword(map, HistoryFields.TYPE));
    Keyword f = keyword(map, HistoryFields.F);
    Object time = map.get(HistoryFields.TIME);
    return new Op(
        process,
        type,
        f,
        map.get(HistoryFields.VALUE),
        time instanceof Long ? (Long) time : null,
        map.get(HistoryFields.KEY));
  }

  private static Keyword keyword(Map<?, ?> map, Keyword field) {
    Object value = required(map, field);
    if (!(value instanceof Keyword)) {
      throw new IllegalArgumentException(field + " must be a keyword in " + map);
    }
    return (Keyword) value;
  }

  private static Object required(Map<?, ?> map, Keyword field) {
    Object value = map.get(field);
    if (value == null) {
      throw new IllegalArgumentException("missing " + field + " in " + map);
    }
    return value;
  }
}
