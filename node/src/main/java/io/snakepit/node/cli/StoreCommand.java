package io.snakepit.node.cli;

import io.snakepit.api.v1.ExportRecordsRequest;
import io.snakepit.api.v1.ExportRecordsResponse;
import io.snakepit.api.v1.ImportRecordsRequest;
import io.snakepit.api.v1.ImportRecordsResponse;
import io.snakepit.node.config.ConfigException;
import io.snakepit.node.store.SessionStores;
import io.snakepit.store.SessionStore;
import io.snakepit.store.embedded.EmbeddedSessionStore;
import io.snakepit.store.embedded.EmbeddedStoreConfig;
import io.snakepit.store.transfer.DumpFile;
import io.snakepit.store.transfer.ExportPages;
import io.snakepit.store.transfer.ImportBatches;
import io.snakepit.store.transfer.TransferCheck;
import io.snakepit.store.v1.RecordPage;
import io.snakepit.store.v1.StoredRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Moves every session from one store to another through a dump file: typically from a single node's
 * embedded store into a Raft cluster.
 */
@Command(
    name = "store",
    description = "Exports every session of a store to a file, or imports one.",
    subcommands = {StoreCommand.Export.class, StoreCommand.Import.class})
final class StoreCommand {

  /** The import finished but the store does not hold what the dump does. */
  static final int EXIT_MISMATCH = 4;

  @Command(
      name = "export",
      description =
          "Writes every session, variable and program to a new file. From a running node"
              + " (--target), or from the embedded store of a stopped node (--data-dir), which"
              + " gives an exact copy. A node taking writes meanwhile is copied page by page.")
  static final class Export implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin TargetOption target;

    @Option(
        names = "--out",
        required = true,
        paramLabel = "FILE",
        description = "The dump to write; it must not exist.")
    Path out;

    @Option(
        names = "--data-dir",
        paramLabel = "DIR",
        description = "Read the embedded store of a stopped node in DIR instead of asking a node.")
    Path dataDir;

    @Override
    public Integer call() throws IOException {
      Counts counts = new Counts();
      if (dataDir != null) {
        try (SessionStore store = openStopped(dataDir)) {
          write(new ExportPages(store::exportRecords), counts);
        }
      } else {
        try (AdminConnection admin = target.admin()) {
          write(new ExportPages(cursor -> page(admin, cursor)), counts);
        }
      }
      CliOutput.of(spec).line("exported " + counts + " to " + out);
      return 0;
    }

    private void write(Iterator<StoredRecord> records, Counts counts) throws IOException {
      try (DumpFile.Writer writer = DumpFile.create(out)) {
        records.forEachRemaining(
            record -> {
              counts.add(record);
              writer.write(record);
            });
      }
    }

    private static RecordPage page(AdminConnection admin, String cursor) {
      ExportRecordsResponse page =
          admin.call(
              stub ->
                  stub.exportRecords(ExportRecordsRequest.newBuilder().setCursor(cursor).build()));
      return RecordPage.newBuilder()
          .addAllRecords(page.getRecordsList())
          .setNextCursor(page.getNextCursor())
          .build();
    }

    private static SessionStore openStopped(Path dataDir) {
      Path dir = SessionStores.embeddedDir(dataDir);
      if (!Files.isDirectory(dir)) {
        throw new ConfigException(
            "no embedded session store in "
                + dataDir
                + " (a node of a Raft cluster exports through --target)");
      }
      return EmbeddedSessionStore.open(EmbeddedStoreConfig.defaults(dir));
    }
  }

  @Command(
      name = "import",
      description =
          "Writes the sessions of a dump into the node's store as they were (versions and times"
              + " kept), then reads them back and checks that every record matches. Records"
              + " already there unchanged are skipped, so an interrupted import can run again.")
  static final class Import implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin TargetOption target;

    @Option(
        names = "--in",
        required = true,
        paramLabel = "FILE",
        description = "A dump written by 'snakepit store export'.")
    Path in;

    @Override
    public Integer call() throws IOException {
      CliOutput output = CliOutput.of(spec);
      Set<String> sessionIds = new HashSet<>();
      long[] writtenAndUnchanged = new long[2];
      try (AdminConnection admin = target.admin();
          DumpFile.Reader records = DumpFile.open(in)) {
        ImportBatches.forEach(
            records,
            batch -> {
              batch.stream()
                  .filter(StoredRecord::hasSession)
                  .forEach(record -> sessionIds.add(record.getSession().getId()));
              ImportRecordsResponse imported =
                  admin.call(
                      stub ->
                          stub.importRecords(
                              ImportRecordsRequest.newBuilder().addAllRecords(batch).build()));
              writtenAndUnchanged[0] += imported.getWritten();
              writtenAndUnchanged[1] += imported.getUnchanged();
            });
        output.line(
            "imported "
                + writtenAndUnchanged[0]
                + " records, "
                + writtenAndUnchanged[1]
                + " already there unchanged");
        return check(admin, sessionIds, output);
      }
    }

    private int check(AdminConnection admin, Set<String> sessionIds, CliOutput output)
        throws IOException {
      TransferCheck.Result result;
      try (DumpFile.Reader expected = DumpFile.open(in)) {
        result =
            TransferCheck.compare(
                expected, sessionIds, new ExportPages(cursor -> Export.page(admin, cursor)));
      }
      String counted =
          result.sessions()
              + " sessions, "
              + result.variables()
              + " variables, "
              + result.programs()
              + " programs";
      if (result.matches()) {
        output.line("checked " + counted + ": the store holds every record of the dump");
        return 0;
      }
      output.line("checked " + counted + ": " + result.differing() + " records do not match");
      result.differences().forEach(difference -> output.line("  " + difference));
      return EXIT_MISMATCH;
    }
  }

  /** Records by kind, for the summary line. */
  private static final class Counts {
    private long sessions;
    private long variables;
    private long programs;

    void add(StoredRecord record) {
      switch (record.getKindCase()) {
        case SESSION -> sessions++;
        case VARIABLE -> variables++;
        case PROGRAM -> programs++;
        case KIND_NOT_SET -> {}
      }
    }

    @Override
    public String toString() {
      return sessions + " sessions, " + variables + " variables, " + programs + " programs";
    }
  }
}
