package org.kapcompanion.review;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.hl7.fhir.r4.model.Encounter;
import org.kapcompanion.gates.CosignGate;
import org.kapcompanion.gates.GateDecision;
import org.kapcompanion.session.ActiveSession;
import org.kapcompanion.vocabulary.ReviewReason;
import org.kapcompanion.web.PageModel;
import org.kapcompanion.web.Templates;

/**
 * {@code GET /s/{h}/review/session?id=…} and {@code …/review/print?id=…}: one session, read-only, as a timeline with
 * the co-sign form, or as a printable summary.
 */
final class SessionReviewPage implements ReviewGuard.Handler {

  private final ReviewedSessionReader reader;
  private final SessionTimeline timeline;
  private final Templates templates;
  private final Function<SessionReviewModel, PageModel> shown;

  /** @param shown what of the review this page shows: all of it, or the printable summary */
  SessionReviewPage(ReviewedSessionReader reader, SessionTimeline timeline, Templates templates,
      Function<SessionReviewModel, PageModel> shown) {
    this.reader = reader;
    this.timeline = timeline;
    this.templates = templates;
    this.shown = shown;
  }

  @Override
  public void handle(ActiveSession active, ReviewAccess access, HttpServletRequest request,
      HttpServletResponse response) throws IOException {
    Optional<ReviewedSessionReader.SessionRecord> session = read(active, access, ReviewGuard.encounterId(request));
    if (session.isEmpty()) {
      notFound(response);
      return;
    }
    Optional<String> message = "1".equals(request.getParameter("cosigned"))
        ? Optional.of("Co-signed. The queue shows this session as reviewed.") : Optional.empty();
    show(active, access, session.get(), 200, message, List.of(), response);
  }

  /** The session, if the session's access reaches it and it is a KAP session. */
  Optional<ReviewedSessionReader.SessionRecord> read(ActiveSession active, ReviewAccess access, Optional<String> id) {
    return id.flatMap(encounterId -> reader.read(active, encounterId, access.patientId()))
        .filter(record -> record.facts().isPresent());
  }

  void notFound(HttpServletResponse response) throws IOException {
    templates.error(response, 404, "Session not found",
        "This KAP session does not exist, or your sign-in does not reach it. Go back to the review queue.");
  }

  /** Whether the session may be co-signed now: the one co-sign gate, for the page and the co-sign alike. */
  static GateDecision cosignGate(ReviewedSessionReader.SessionRecord session) {
    return CosignGate.decide(session.encounter().getStatus() == Encounter.EncounterStatus.FINISHED,
        session.facts().filter(f -> !f.reasons().contains(ReviewReason.DISCHARGE_INCOMPLETE)).isPresent());
  }

  void show(ActiveSession active, ReviewAccess access, ReviewedSessionReader.SessionRecord session, int status,
      Optional<String> message, List<String> problems, HttpServletResponse response) throws IOException {
    SessionReviewModel model = new SessionReviewModel(timeline.view(session), session.banner().orElse(null),
        active.basePath(), active.session().csrfToken(), UUID.randomUUID().toString(), access.canCoSign(),
        message.orElse(""), problems, cosignGate(session),
        session.encounter().getSubject().getReferenceElement().getIdPart());
    templates.render(response, status, shown.apply(model));
  }
}
