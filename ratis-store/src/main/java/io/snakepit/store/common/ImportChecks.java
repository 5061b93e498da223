package io.snakepit.store.common;

import io.snakepit.store.Identifiers;
import io.snakepit.store.SessionStore;
import io.snakepit.store.StoreException;
import io.snakepit.store.StoreLimits;
import io.snakepit.store.v1.NamedProgram;
import io.snakepit.store.v1.NamedVariable;
import io.snakepit.store.v1.SessionRecord;
import io.snakepit.store.v1.StoredRecord;
import java.util.List;

/**
 * Checks imported records as strictly as the writes that made them: an import must not bring in
 * what the store would have refused.
 */
public final class ImportChecks {

  private ImportChecks() {}

  public static void check(List<StoredRecord> batch, StoreLimits limits) {
    long bytes = batch.stream().mapToLong(StoredRecord::getSerializedSize).sum();
    if (batch.size() > 1 && bytes > SessionStore.MAX_IMPORT_BATCH_BYTES) {
      throw new StoreException.InvalidArgument(
          "an import batch of "
              + bytes
              + " bytes is over the limit of "
              + SessionStore.MAX_IMPORT_BATCH_BYTES
              + " bytes: split it (a single record may be larger)");
    }
    batch.forEach(record -> check(record, limits));
  }

  private static void check(StoredRecord record, StoreLimits limits) {
    switch (record.getKindCase()) {
      case SESSION -> checkSession(record.getSession(), limits);
      case VARIABLE -> checkVariable(record.getVariable(), limits);
      case PROGRAM -> checkProgram(record.getProgram(), limits);
      case KIND_NOT_SET ->
          throw new StoreException.InvalidArgument("an import holds an empty record");
    }
  }

  private static void checkSession(SessionRecord session, StoreLimits limits) {
    Identifiers.checkSessionId(session.getId());
    limits.checkMetadata(session.getMetadataMap());
    if (session.getTtlMillis() < 0) {
      throw invalid("session '" + session.getId() + "'", "a negative TTL");
    }
    checkVersion(session.getVersion(), "session '" + session.getId() + "'");
  }

  private static void checkVariable(NamedVariable variable, StoreLimits limits) {
    RequestChecks.checkVariableName(variable.getSessionId(), variable.getName());
    String what =
        "variable '" + variable.getName() + "' of session '" + variable.getSessionId() + "'";
    if (!variable.getRecord().hasValue()) {
      throw invalid(what, "no value");
    }
    limits.checkValue(variable.getRecord().getValue());
    checkVersion(variable.getRecord().getVersion(), what);
  }

  private static void checkProgram(NamedProgram program, StoreLimits limits) {
    RequestChecks.checkProgramId(program.getSessionId(), program.getProgramId());
    limits.checkProgram(program.getRecord().getData(), program.getRecord().getMetadataMap());
    checkVersion(
        program.getRecord().getVersion(),
        "program '" + program.getProgramId() + "' of session '" + program.getSessionId() + "'");
  }

  private static void checkVersion(long version, String what) {
    if (version < 1) {
      throw invalid(what, "version " + version + " (versions start at 1)");
    }
  }

  private static StoreException.InvalidArgument invalid(String what, String problem) {
    return new StoreException.InvalidArgument("the imported " + what + " has " + problem);
  }
}
