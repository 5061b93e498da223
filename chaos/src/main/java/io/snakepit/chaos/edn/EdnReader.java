package io.snakepit.chaos.edn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the subset of EDN that Jepsen histories use: vectors and lists (both as {@link List}),
 * maps, sets, keywords, integers ({@link Long}), decimals ({@link Double}), strings, {@code nil}
 * (as Java {@code null}), booleans, and {@code ;} comments. Commas are whitespace, as in EDN.
 * Tagged literals and symbols other than nil/true/false are rejected with the line they are on, so
 * an unsupported history fails loudly rather than being misread.
 */
public final class EdnReader {
  private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+N?");
  private static final Pattern DECIMAL = Pattern.compile("[+-]?\\d+(\\.\\d*)?([eE][+-]?\\d+)?M?");
  private final String text;
  private int pos;
  private int line = 1;

  private EdnReader(String text) {
    this.text = text;
  }

  /** Every top-level form in {@code text}, in order. */
  public static List<Object> readAll(String text) {
    EdnReader reader = new EdnReader(text);
    List<Object> forms = new ArrayList<>();
    while (reader.skipBlank()) {
      forms.add(reader.readForm());
    }
    return forms;
  }

  /** Skips whitespace and comments; false at the end of the text. */
  private boolean skipBlank() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == ';') {
        while (pos < text.length() && text.charAt(pos) != '\n') {
          pos++;
        }
      } else if (c == ',' || Character.isWhitespace(c)) {
        if (c == '\n') {
          line++;
        }
        pos++;
      } else {
        return true;
      }
    }
    return false;
  }

  private Object readForm() {
    char c = text.charAt(pos);
    switch (c) {
      case '[':
        pos++;
        return Collections.unmodifiableList(readUntil(']'));
      case '(':
        pos++;
        return Collections.unmodifiableList(readUntil(')'));
      case '{':
        pos++;
        return readMap();
      case '#':
        return readDispatch();
      case '"':
        pos++;
        return readString();
      case ':':
        pos++;
        return Keyword.of(readToken());
      default:
        return readAtom();
    }
  }

  private List<Object> readUntil(char close) {
    List<Object> items = new ArrayList<>();
    while (true) {
      if (!skipBlank()) {
        throw error("missing '" + close + "'");
      }
      char c = text.charAt(pos);
      if (c == close) {
        pos++;
        return items;
      }
      if (c == ']' || c == ')' || c == '}') {
        throw error("unexpected '" + c + "', expected '" + close + "'");
      }
      items.add(readForm());
    }
  }

  private Map<Object, Object> readMap() {
    List<Object> items = readUntil('}');
    if (items.size() % 2 != 0) {
      throw error("a map needs an even number of forms");
    }
    // LinkedHashMap rather than Map.of: EDN maps may hold nil values.
    Map<Object, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < items.size(); i += 2) {
      map.put(items.get(i), items.get(i + 1));
    }
    return Collections.unmodifiableMap(map);
  }

  private Object readDispatch() {
    if (pos + 1 < text.length() && text.charAt(pos + 1) == '{') {
      pos += 2;
      Set<Object> set = new LinkedHashSet<>(readUntil('}'));
      return Collections.unmodifiableSet(set);
    }
    throw error("tagged literals are not supported");
  }

  private String readString() {
    StringBuilder out = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (c == '"') {
        return out.toString();
      }
      if (c == '\n') {
        line++;
      }
      if (c == '\\' && pos < text.length()) {
        out.append(unescape(text.charAt(pos++)));
      } else {
        out.append(c);
      }
    }
    throw error("unterminated string");
  }

  private static char unescape(char c) {
    switch (c) {
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case 'r':
        return '\r';
      default:
        return c;
    }
  }

  private Object readAtom() {
    String token = readToken();
    if (token.isEmpty()) {
      throw error("unexpected '" + text.charAt(pos) + "'");
    }
    switch (token) {
      case "nil":
        return null;
      case "true":
        return Boolean.TRUE;
      case "false":
        return Boolean.FALSE;
      default:
        return readNumber(token);
    }
  }

  private Object readNumber(String token) {
    try {
      if (INTEGER.matcher(token).matches()) {
        return Long.parseLong(token.replace("N", ""));
      }
      if (DECIMAL.matcher(token).matches()) {
        return Double.parseDouble(token.replace("M", ""));
      }
    } catch (NumberFormatException e) {
      throw error("number out of range: " + token);
    }
    throw error("unsupported symbol: " + token);
  }

  private String readToken() {
    int start = pos;
    while (pos < text.length() && isTokenChar(text.charAt(pos))) {
      pos++;
    }
    return text.substring(start, pos);
  }

  private static boolean isTokenChar(char c) {
    return !Character.isWhitespace(c) && "[](){}\",;".indexOf(c) < 0;
  }

  private EdnException error(String message) {
    return new EdnException(message, line);
  }
}
