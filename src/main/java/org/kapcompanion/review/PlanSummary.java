package org.kapcompanion.review;

import static org.kapcompanion.review.ReviewText.NONE;
import static org.kapcompanion.review.ReviewText.text;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/** The integration plan written after a session, as the review page lists it: a CarePlan with its goals, or a document. */
final class PlanSummary {

  private PlanSummary() {}

  /** The plan, its date on the clinic's clock ({@code zone}) like the page's other times. */
  static Optional<SessionView.Plan> of(List<Resource> plan, ZoneId zone) {
    Map<String, Goal> goals = plan.stream().filter(Goal.class::isInstance).map(Goal.class::cast)
        .collect(Collectors.toMap(g -> "Goal/" + g.getIdElement().getIdPart(), g -> g, (a, b) -> a));
    for (Resource resource : plan) {
      if (resource instanceof CarePlan carePlan) {
        List<String> lines = new ArrayList<>();
        if (carePlan.hasDescription()) {
          lines.add(carePlan.getDescription());
        }
        for (Reference goal : carePlan.getGoal()) {
          Optional.ofNullable(goals.get(goal.getReference())).ifPresent(g -> lines.add("Goal: "
              + text(g.getDescription()) + g.getTarget().stream().filter(t -> t.hasDueDateType())
              .map(t -> " (by " + t.getDueDateType().getValueAsString() + ")").findFirst().orElse("")));
        }
        carePlan.getActivity().stream().map(a -> a.getDetail().hasDescription() ? a.getDetail().getDescription()
            : text(a.getDetail().getCode())).filter(s -> !s.isBlank()).forEach(s -> lines.add("Activity: " + s));
        String date = date(carePlan.hasCreated() ? carePlan.getCreatedElement()
            : carePlan.getPeriod().getStartElement(), zone);
        return Optional.of(new SessionView.Plan(Optional.ofNullable(carePlan.getTitle()).orElse("Integration plan"),
            date, lines));
      }
      if (resource instanceof DocumentReference document) {
        List<String> lines = new ArrayList<>();
        if (document.hasDescription()) {
          lines.add(document.getDescription());
        }
        document.getContent().stream().map(DocumentReference.DocumentReferenceContentComponent::getAttachment)
            .filter(a -> a.hasData() && a.getContentType() != null && a.getContentType().startsWith("text/"))
            .map(a -> new String(a.getData(), StandardCharsets.UTF_8)).flatMap(String::lines)
            .filter(line -> !line.isBlank()).limit(80).forEach(lines::add);
        return Optional.of(new SessionView.Plan("Integration plan (document)",
            date(document.getDateElement(), zone), lines));
      }
    }
    return Optional.empty();
  }

  /** A date as written; a date and time on the clinic's clock, e.g. {@code 2026-12-05 06:41}. */
  private static String date(BaseDateTimeType value, ZoneId zone) {
    if (value == null || value.getValue() == null) {
      return NONE;
    }
    return value.getPrecision().ordinal() <= TemporalPrecisionEnum.DAY.ordinal() ? value.getValueAsString()
        : ReviewText.dayTime(value.getValue().toInstant(), zone);
  }
}
