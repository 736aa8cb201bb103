package org.kapcompanion.review;

import static org.kapcompanion.review.ReviewText.NONE;
import static org.kapcompanion.review.ReviewText.text;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/** The integration plan written after a session, as the review page lists it: a CarePlan with its goals, or a document. */
final class PlanSummary {

  private PlanSummary() {}

  static Optional<SessionView.Plan> of(List<Resource> plan) {
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
        String date = carePlan.hasCreated() ? carePlan.getCreatedElement().getValueAsString()
            : Optional.ofNullable(carePlan.getPeriod().getStartElement().getValueAsString()).orElse(NONE);
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
            document.hasDate() ? document.getDateElement().getValueAsString() : NONE, lines));
      }
    }
    return Optional.empty();
  }
}
