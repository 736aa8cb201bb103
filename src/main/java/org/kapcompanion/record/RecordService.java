package org.kapcompanion.record;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.function.BiFunction;
import org.kapcompanion.launch.ActiveSession;
import org.kapcompanion.launch.AppSession;
import org.kapcompanion.launch.LaunchError;
import org.kapcompanion.launch.SessionTokens;
import org.kapcompanion.web.Templates;

/**
 * Reads the record for a session page, refreshing the access token once when the EHR rejects it. Empty when the
 * session has no patient or the EHR no longer accepts its sign-in.
 */
public final class RecordService {

  private final RecordReader reader;
  private final SessionTokens tokens;

  public RecordService(RecordReader reader, SessionTokens tokens) {
    this.reader = reader;
    this.tokens = tokens;
  }

  /** The whole record summary. */
  public Optional<PatientRecord> record(ActiveSession active) {
    return read(active, reader::read);
  }

  /** Only what the patient banner needs (patient and allergies), for the other session pages. */
  public Optional<PatientRecord> banner(ActiveSession active) {
    return read(active, reader::readBanner);
  }

  /**
   * Sends the error page when the whole record cannot be shown: the EHR no longer accepts the session, or the patient
   * could not be read (then no section may be shown, since every empty one would read as "none"). True when sent.
   */
  public static boolean refused(Optional<PatientRecord> record, Templates templates, HttpServletResponse response)
      throws IOException {
    if (record.isEmpty()) {
      LaunchError.SESSION_EXPIRED.sendTo(templates, response);
      return true;
    }
    if (!record.get().patient().isLoaded()) {
      LaunchError.PATIENT_UNREADABLE.sendTo(templates, response);
      return true;
    }
    return false;
  }

  /** The banner of a patient the session reaches with user-level scopes, e.g. a session under supervisor review. */
  public Optional<PatientRecord> banner(ActiveSession active, String patientId) {
    return read(active, patientId, reader::readBanner);
  }

  private Optional<PatientRecord> read(ActiveSession active,
      BiFunction<AppSession, String, RecordReader.Result> read) {
    return active.session().context().patientId().flatMap(patientId -> read(active, patientId, read));
  }

  private Optional<PatientRecord> read(ActiveSession active, String patientId,
      BiFunction<AppSession, String, RecordReader.Result> read) {
    RecordReader.Result result = read.apply(active.session(), patientId);
    if (result instanceof RecordReader.Result.Read done) {
      return Optional.of(done.record());
    }
    return tokens.refresh(active.handle(), active.session())
        .map(refreshed -> read.apply(refreshed, patientId))
        .filter(RecordReader.Result.Read.class::isInstance)
        .map(again -> ((RecordReader.Result.Read) again).record());
  }
}
