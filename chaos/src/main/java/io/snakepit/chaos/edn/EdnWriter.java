package io.snakepit.chaos.edn;

import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Writes the values {@link EdnReader} reads back, so recorded histories round-trip. */
public final class EdnWriter {
  private EdnWriter() {}

  public static String write(Object value) {
    StringBuilder out = new StringBuilder();
    append(out, value);
    return out.toString();
  }

  private static void append(StringBuilder out, Object value) {
    if (value == null) {
      out.append("nil");
    } else if (value instanceof String) {
      appendString(out, (String) value);
    } else if (value instanceof Map) {
      appendMap(out, (Map<?, ?>) value);
    } else if (value instanceof List) {
      appendAll(out, "[", (List<?>) value, "]");
    } else if (value instanceof Set) {
      appendAll(out, "#{", (Set<?>) value, "}");
    } else if (value instanceof Keyword
        || value instanceof Long
        || value instanceof Integer
        || value instanceof Double
        || value instanceof Boolean) {
      out.append(value);
    } else {
      throw new IllegalArgumentException("no EDN form for " + value.getClass().getName());
    }
  }

  private static void appendString(StringBuilder out, String s) {
    out.append('"');
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        default:
          out.append(c);
      }
    }
    out.append('"');
  }

  private static void appendMap(StringBuilder out, Map<?, ?> map) {
    out.append('{');
    Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
    while (entries.hasNext()) {
      Map.Entry<?, ?> entry = entries.next();
      append(out, entry.getKey());
      out.append(' ');
      append(out, entry.getValue());
      if (entries.hasNext()) {
        out.append(", ");
      }
    }
    out.append('}');
  }

  private static void appendAll(StringBuilder out, String open, Collection<?> items, String close) {
    out.append(open);
    Iterator<?> it = items.iterator();
    while (it.hasNext()) {
      append(out, it.next());
      if (it.hasNext()) {
        out.append(' ');
      }
    }
    out.append(close);
  }
}
