package org.kapcompanion.monitoring;

import ca.uhn.fhir.context.FhirContext;
import com.google.gson.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.kapcompanion.config.ClinicalProtocol;
import org.kapcompanion.session.ActiveSession;
import org.kapcompanion.session.EhrClients;
import org.kapcompanion.session.SessionPage;
import org.kapcompanion.recorded.Alert;
import org.kapcompanion.recorded.AlertEvaluation;
import org.kapcompanion.web.JsonAnswer;
import org.kapcompanion.web.JsonBody;
import org.kapcompanion.writeback.EntrySaver;
import org.kapcompanion.writeback.SaveResult;
import org.kapcompanion.web.ClinicTime;

/**
 * {@code session/alerts/acknowledge}: the therapist acknowledges an alert episode from the alert bar. The
 * acknowledgement is a session note (who, when, which alert) written to the EHR through the outbox; its entry id is
 * derived from the episode, so it is written once and the bar knows the episode is acknowledged. Until then the
 * episode stays in the bar, also once the readings are back within limits.
 */
final class AlertAcknowledgement {


  private final DosingSessionReader reader;
  private final EntrySaver entries;
  private final ClinicalProtocol protocol;
  private final FhirContext fhir;
  private final Clock clock;

  AlertAcknowledgement(DosingSessionReader reader, EntrySaver entries, ClinicalProtocol protocol, FhirContext fhir,
      Clock clock) {
    this.reader = reader;
    this.entries = entries;
    this.protocol = protocol;
    this.fhir = fhir;
    this.clock = clock;
  }

  SessionPage page() {
    return SessionPage.takingJson(SessionPage.patientAction(this::acknowledge));
  }

  /** The acknowledgement note's entry id of an alert episode of the session with {@code sessionEntryId}. */
  static String entryId(Alert alert, String sessionEntryId) {
    return Alert.acknowledgementId(alert.entryId(sessionEntryId));
  }

  /** The episodes of the session not yet acknowledged, earliest first. */
  static List<Alert> unacknowledged(List<Alert> alerts, SessionRecord session) {
    return alerts.stream().filter(alert -> !session.holds(entryId(alert, session.entryId()))).toList();
  }

  /** The note's text: which alert, by whom, at what time on the clinic's clock. */
  static String text(Alert alert, String who, Instant at, java.time.ZoneId zone) {
    return "Alert acknowledged: " + alert.title() + " (" + alert.text() + "), by " + who + " at "
        + ClinicTime.clock(at, zone) + ".";
  }

  private void acknowledge(ActiveSession active, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    JsonObject body = JsonBody.read(request, Set.of());
    Optional<SessionRecord> running = reader.today(active).filter(s -> !s.finished());
    Optional<Alert> alert = running.flatMap(session -> AlertEvaluation.evaluate(protocol.alertRules(),
        session.readings()).stream().filter(a -> matches(a, body)).findFirst());
    if (running.isEmpty() || alert.isEmpty()) {
      JsonAnswer.send(response, 404, JsonAnswer.error("no such alert in the running session: reload the page"));
      return;
    }
    SessionRecord session = running.get();
    String id = entryId(alert.get(), session.entryId());
    if (!session.holds(id)) {
      Instant now = clock.instant();
      SessionNote note = new SessionNote(id, now, text(alert.get(), who(active), now, clock.getZone()), List.of());
      SaveResult saved = entries.save(active, NoteMapping.entry(note,
          WorkspacePage.subject(active, Optional.of(new Reference(session.reference())))));
      if (!(saved instanceof SaveResult.Accepted)) {
        JsonAnswer.send(response, 422, JsonAnswer.error("the acknowledgement was not saved: try again"));
        return;
      }
    }
    JsonObject answer = new JsonObject();
    answer.addProperty("id", id);
    answer.addProperty("state", "pending");
    JsonAnswer.send(response, 200, answer);
  }

  private static boolean matches(Alert alert, JsonObject body) {
    return body.has("rule") && body.has("start") && alert.rule().value().equals(body.get("rule").getAsString())
        && String.valueOf(alert.start().toEpochMilli()).equals(body.get("start").getAsString());
  }

  /** The signed-in clinician's name as the EHR has it, else their reference. */
  private String who(ActiveSession active) {
    Optional<String> user = active.session().fhirUser();
    if (user.isEmpty()) {
      return "the signed-in clinician";
    }
    if (user.get().startsWith("Practitioner/")) {
      try {
        Practitioner practitioner = EhrClients.forSession(fhir, active).read()
            .resource(Practitioner.class).withId(user.get().substring("Practitioner/".length())).execute();
        if (practitioner.hasName()) {
          return practitioner.getNameFirstRep().getNameAsSingleString() + " (" + user.get() + ")";
        }
      } catch (RuntimeException e) {
        return user.get();
      }
    }
    return user.get();
  }
}
