package org.kapcompanion.review;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Task;
import org.kapcompanion.session.ActiveSession;
import org.kapcompanion.writeback.ResourceValidator;
import org.kapcompanion.writeback.ValidationResult;

/**
 * {@code POST /s/{h}/review/cosign}: the supervisor's co-sign of a session with a comment, recorded in the EHR and in
 * the queue's index. Refused (409, page shown
 * again) while the session is still running (the co-sign gate says why), or when something was recorded in the
 * session after the page was shown; validated against the profiles
 * before anything is written.
 */
final class CoSignAction implements ReviewGuard.Handler {

  static final int COMMENT_LIMIT = 4000;

  private final SessionReviewPage page;
  private final ResourceValidator validator;
  private final CoSignWriter writer;
  private final SessionIndex index;
  private final Clock clock;

  CoSignAction(SessionReviewPage page, ResourceValidator validator, CoSignWriter writer, SessionIndex index,
      Clock clock) {
    this.page = page;
    this.validator = validator;
    this.writer = writer;
    this.index = index;
    this.clock = clock;
  }

  @Override
  public void handle(ActiveSession active, ReviewAccess access, HttpServletRequest request,
      HttpServletResponse response) throws IOException {
    String supervisor = active.session().fhirUser().orElseThrow();
    Optional<String> entryId = Optional.ofNullable(request.getParameter("entry"))
        .filter(id -> id.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"));
    String comment = Optional.ofNullable(request.getParameter("comment")).orElse("");
    Optional<ReviewedSessionReader.SessionRecord> session = page.read(active, access, ReviewGuard.encounterId(request));
    if (session.isEmpty() || entryId.isEmpty()) {
      page.notFound(response);
      return;
    }
    List<String> refused = SessionReviewPage.cosignGate(session.get()).refusals().stream()
        .map(finding -> finding.reason()).toList();
    if (!refused.isEmpty()) {
      page.show(active, access, session.get(), 409, Optional.empty(), refused, response);
      return;
    }
    if (comment.length() > COMMENT_LIMIT) {
      page.show(active, access, session.get(), 422, Optional.empty(),
          List.of("The comment is longer than " + COMMENT_LIMIT + " characters. Shorten it and co-sign again."),
          response);
      return;
    }
    if (session.get().newest().toEpochMilli() > seenThrough(request)) {
      page.show(active, access, session.get(), 409, Optional.of("Something was recorded in this session while you "
          + "were reviewing it (marked \"changed\" below). Read it, then co-sign again."), List.of(), response);
      return;
    }
    Instant now = clock.instant();
    SessionFacts facts = session.get().facts().orElseThrow();
    Provenance provenance = CoSignMapping.provenance(entryId.get(), session.get(), supervisor, now);
    Task task = CoSignMapping.completedTask(facts, supervisor, comment, now);
    List<String> problems = new ArrayList<>();
    problems.addAll(problems(provenance));
    problems.addAll(problems(task));
    if (!problems.isEmpty()) {
      page.show(active, access, session.get(), 422, Optional.empty(), problems, response);
      return;
    }
    writer.write(active, entryId.get(), provenance, task, facts.encounterId());
    index.save(active.session().tenantId(), CoSignMapping.reviewed(facts, supervisor, now), Optional.empty());
    response.setStatus(HttpServletResponse.SC_SEE_OTHER);
    response.setHeader("Location", active.basePath() + "review/session?id=" + facts.encounterId() + "&cosigned=1");
  }

  private List<String> problems(IBaseResource resource) {
    ValidationResult result = validator.validate(resource);
    return result instanceof ValidationResult.Invalid invalid
        ? invalid.errors().stream().map(problem -> problem.message()).toList() : List.of();
  }

  private static long seenThrough(HttpServletRequest request) {
    try {
      return Long.parseLong(Optional.ofNullable(request.getParameter("seen")).orElse("0"));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
