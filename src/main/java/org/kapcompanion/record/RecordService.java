package org.kapcompanion.record;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.function.BiFunction;
import org.kapcompanion.session.ActiveSession;
import org.kapcompanion.launch.LaunchError;
import org.kapcompanion.web.Templates;

/** Reads the record for a session page; empty when the session has no patient. */
public final class RecordService {

  private final RecordReader reader;

  public RecordService(RecordReader reader) {
    this.reader = reader;
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
   * Sends the error page when the whole record cannot be shown: the session has no patient, or the patient could not
   * be read (then no section may be shown, since every empty one would read as "none"). True when sent.
   */
  public static boolean refused(Optional<PatientRecord> record, Templates templates, HttpServletResponse response)
      throws IOException {
    if (record.isEmpty()) {
      LaunchError.NO_PATIENT.sendTo(templates, response);
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
    return Optional.of(reader.readBanner(active, patientId));
  }

  private Optional<PatientRecord> read(ActiveSession active,
      BiFunction<ActiveSession, String, PatientRecord> read) {
    return active.session().context().patientId().map(patientId -> read.apply(active, patientId));
  }
}
