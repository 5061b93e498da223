package io.snakepit.store.rocks;

import io.snakepit.store.StoreException;
import io.snakepit.store.v1.NamedProgram;
import io.snakepit.store.v1.NamedVariable;
import io.snakepit.store.v1.ProgramRecord;
import io.snakepit.store.v1.RecordPage;
import io.snakepit.store.v1.SessionRecord;
import io.snakepit.store.v1.StoredRecord;
import io.snakepit.store.v1.VariableRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads every record of a store page by page, in export order: sessions, then variables, then
 * programs, each in key order, so that an import meets a session before what it holds. The cursor
 * is the key of the last record of the previous page.
 */
final class RecordExport {

  /** The key ranges in export order, each with how its records are decoded. */
  private enum Section {
    SESSIONS(KeyLayout.allSessions()) {
      @Override
      StoredRecord decode(byte[] key, byte[] value) {
        return StoredRecord.newBuilder()
            .setSession(RecordCodec.parse(SessionRecord.parser(), value))
            .build();
      }
    },
    VARIABLES(KeyLayout.allVariables()) {
      @Override
      StoredRecord decode(byte[] key, byte[] value) {
        String[] ids = KeyLayout.sessionAndName(key);
        return StoredRecord.newBuilder()
            .setVariable(
                NamedVariable.newBuilder()
                    .setSessionId(ids[0])
                    .setName(ids[1])
                    .setRecord(RecordCodec.parse(VariableRecord.parser(), value)))
            .build();
      }
    },
    PROGRAMS(KeyLayout.allPrograms()) {
      @Override
      StoredRecord decode(byte[] key, byte[] value) {
        String[] ids = KeyLayout.sessionAndName(key);
        return StoredRecord.newBuilder()
            .setProgram(
                NamedProgram.newBuilder()
                    .setSessionId(ids[0])
                    .setProgramId(ids[1])
                    .setRecord(RecordCodec.parse(ProgramRecord.parser(), value)))
            .build();
      }
    };

    private final KeyRange range;

    Section(KeyRange range) {
      this.range = range;
    }

    abstract StoredRecord decode(byte[] key, byte[] value);
  }

  private final RocksStorage storage;

  RecordExport(RocksStorage storage) {
    this.storage = storage;
  }

  /**
   * The records after {@code cursor}, until their serialized size reaches {@code maxBytes}. Each
   * section is read from its own snapshot: pages of a store taking writes are not one point in
   * time.
   */
  RecordPage page(String cursor, long maxBytes) {
    byte[] cursorKey = cursor.getBytes(StandardCharsets.UTF_8);
    int first = cursor.isEmpty() ? 0 : sectionOf(cursorKey).ordinal();
    RecordPage.Builder page = RecordPage.newBuilder();
    long[] bytes = {0};
    byte[][] lastKey = {null};
    for (Section section : List.of(Section.values()).subList(first, Section.values().length)) {
      boolean resumes = !cursor.isEmpty() && section.ordinal() == first;
      storage.scanEntries(
          resumes ? section.range.after(cursorKey) : section.range,
          (key, value) -> {
            StoredRecord record = section.decode(key, value);
            page.addRecords(record);
            bytes[0] += record.getSerializedSize();
            lastKey[0] = key;
            return bytes[0] < maxBytes;
          });
      if (bytes[0] >= maxBytes) {
        return page.setNextCursor(new String(lastKey[0], StandardCharsets.UTF_8)).build();
      }
    }
    return page.build();
  }

  private static Section sectionOf(byte[] cursorKey) {
    for (Section section : Section.values()) {
      if (section.range.contains(cursorKey)) {
        return section;
      }
    }
    throw new StoreException.InvalidArgument(
        "'"
            + new String(cursorKey, StandardCharsets.UTF_8)
            + "' is no export cursor: pass the next_cursor of the previous page");
  }
}
