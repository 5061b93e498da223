package io.snakepit.store.transfer;

import io.snakepit.store.v1.StoredRecord;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The file {@code snakepit store export} writes and {@code snakepit store import} reads: a header
 * line naming the format, then length-delimited {@link StoredRecord}s in export order.
 */
public final class DumpFile {

  private static final byte[] HEADER = "SNAKEPIT-DUMP 1\n".getBytes(StandardCharsets.US_ASCII);

  private DumpFile() {}

  /** Writes records to a new file; {@link #close} flushes them. */
  public static final class Writer implements AutoCloseable {

    private final OutputStream out;

    private Writer(OutputStream out) {
      this.out = out;
    }

    public void write(StoredRecord record) {
      try {
        record.writeDelimitedTo(out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() {
      try {
        out.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Creates the file, refusing to overwrite one: a dump is often the only copy of a store. */
  public static Writer create(Path file) throws IOException {
    OutputStream out =
        new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE_NEW));
    out.write(HEADER);
    return new Writer(out);
  }

  /**
   * The records of a dump, read as they are iterated; close the reader when done.
   *
   * @throws IOException when the file cannot be opened or does not start like a dump
   */
  public static Reader open(Path file) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file));
    byte[] header = in.readNBytes(HEADER.length);
    if (!Arrays.equals(header, HEADER)) {
      in.close();
      throw new IOException(file + " is not a Snakepit dump (made by 'snakepit store export')");
    }
    return new Reader(in);
  }

  /** Iterates the records of a dump file. */
  public static final class Reader extends Lookahead<StoredRecord> implements AutoCloseable {

    private final InputStream in;

    private Reader(InputStream in) {
      this.in = in;
    }

    @Override
    protected StoredRecord fetch() {
      try {
        // Null at the end of the file; a record cut short throws.
        return StoredRecord.parseDelimitedFrom(in);
      } catch (IOException e) {
        throw new UncheckedIOException("the dump is damaged or cut short", e);
      }
    }

    @Override
    public void close() {
      try {
        in.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
