package org.kapcompanion.integration;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.utilities.xhtml.NodeType;
import org.hl7.fhir.utilities.xhtml.XhtmlNode;
import org.kapcompanion.recorded.Codings;
import org.kapcompanion.vocabulary.KapUrls;
import org.kapcompanion.vocabulary.PlanCodes;
import org.kapcompanion.writeback.EntryIdentity;

/**
 * Pure mapping of an integration plan to its FHIR resources — a {@code kap-integration-plan} CarePlan with
 * {@code kap-integration-goal} Goals, and the {@code kap-integration-plan-document} DocumentReference written where
 * the EHR takes no CarePlan — and back from a CarePlan and its Goals to the plan the therapist edits.
 */
final class PlanMapping {

  static final String PLAN_PROFILE = KapUrls.INTEGRATION_PLAN_PROFILE;
  private static final String THEMES = "Themes and insights: ";
  private static final String SUPPORT = "Support network: ";
  private static final String CRISIS = "Crisis contacts: ";
  private static final String FOLLOW_UP = "Follow-up session at ";

  private PlanMapping() {}

  /**
   * Who and what the plan is written for.
   *
   * @param patientId the patient's id on the EHR
   * @param author the therapist, e.g. {@code Practitioner/123}
   * @param encounter the dosing session (an EHR reference or the app's {@code urn:uuid}), or the launch encounter
   * @param sessionDate the date of that session, from which follow-ups are dated
   * @param now when the plan is saved
   */
  record Context(String patientId, Optional<String> author, Optional<String> encounter, LocalDate sessionDate,
      Instant now) {}

  /**
   * What one save of the plan writes.
   *
   * @param plan the CarePlan (a new one, or the next version of {@code existingPlan})
   * @param goals the Goals, in the plan's order, with their entry ids and the Goal each edits
   * @param document the same plan as a document, for EHRs that take no CarePlan
   */
  record Written(CarePlan plan, List<WrittenGoal> goals, DocumentReference document) {}

  /** One Goal and the entry that writes it. */
  record WrittenGoal(String entryId, Goal goal, Optional<IntegrationPlan.Existing> existing) {}

  /**
   * The resources of {@code plan} saved as entry {@code entryId}; {@code existingPlan} is the CarePlan it edits.
   * New goals get entry ids derived from {@code entryId}, so a repeated save makes the same ones.
   */
  static Written toResources(IntegrationPlan plan, Context context, String entryId,
      Optional<IntegrationPlan.Existing> existingPlan) {
    List<WrittenGoal> goals = new ArrayList<>();
    for (int i = 0; i < plan.goals().size(); i++) {
      IntegrationPlan.GoalLine line = plan.goals().get(i);
      String goalEntry = line.existing().map(IntegrationPlan.Existing::entryId)
          .orElse(UUID.nameUUIDFromBytes((entryId + "/goal/" + i).getBytes(StandardCharsets.UTF_8)).toString());
      goals.add(new WrittenGoal(goalEntry, goal(line, context, goalEntry), line.existing()));
    }
    CarePlan carePlan = carePlan(plan, context,
        existingPlan.map(IntegrationPlan.Existing::entryId).orElse(entryId), goals);
    return new Written(carePlan, goals, document(plan, context, entryId));
  }

  private static CarePlan carePlan(IntegrationPlan plan, Context context, String identifier,
      List<WrittenGoal> goals) {
    CarePlan carePlan = new CarePlan();
    carePlan.getMeta().addProfile(PLAN_PROFILE);
    carePlan.addIdentifier(EntryIdentity.of(identifier));
    carePlan.setText(narrative(PlanText.lines(plan, context.sessionDate())));
    carePlan.setStatus(CarePlan.CarePlanStatus.ACTIVE);
    carePlan.setIntent(CarePlan.CarePlanIntent.PLAN);
    carePlan.addCategory(Codings.concept(PlanCodes.CARE_PLAN_CATEGORY));
    carePlan.setTitle("Integration plan");
    carePlan.setSubject(new Reference("Patient/" + context.patientId()));
    context.encounter().ifPresent(encounter -> carePlan.setEncounter(new Reference(encounter)));
    carePlan.setPeriod(new Period().setStartElement(new DateTimeType(context.sessionDate().toString())));
    carePlan.setCreated(Date.from(context.now()));
    context.author().ifPresent(author -> carePlan.setAuthor(new Reference(author)));
    for (WrittenGoal goal : goals) {
      carePlan.addGoal(goal.existing().map(e -> new Reference(e.reference()))
          .orElse(EntryIdentity.reference(goal.entryId())));
    }
    plan.practices().forEach(practice -> activity(carePlan, "practice", "Integration practice",
        CarePlan.CarePlanActivityStatus.INPROGRESS, practice));
    for (IntegrationPlan.FollowUpVisit followUp : plan.followUps()) {
      activity(carePlan, "follow-up-session", "Follow-up session", CarePlan.CarePlanActivityStatus.SCHEDULED,
          FOLLOW_UP + followUp.label()).setScheduled(day(followUp.date()));
    }
    for (IntegrationPlan.Remeasure remeasure : plan.measures()) {
      CarePlan.CarePlanActivityDetailComponent detail = activity(carePlan, "outcome-measurement",
          "Outcome re-measurement", CarePlan.CarePlanActivityStatus.SCHEDULED, remeasure.measure().label());
      detail.setScheduled(day(remeasure.date()));
      remeasure.measure().questionnaire().ifPresent(detail::addInstantiatesCanonical);
    }
    note(carePlan, THEMES, plan.themes());
    note(carePlan, SUPPORT, plan.supportNetwork());
    note(carePlan, CRISIS, plan.crisisContacts());
    return carePlan;
  }

  private static CarePlan.CarePlanActivityDetailComponent activity(CarePlan carePlan, String code, String display,
      CarePlan.CarePlanActivityStatus status, String description) {
    return carePlan.addActivity().getDetail()
        .setCode(new CodeableConcept(new Coding(KapUrls.PLAN_ACTIVITIES, code, display)))
        .setStatus(status)
        .setDescription(description);
  }

  private static Period day(LocalDate date) {
    return new Period().setStartElement(new DateTimeType(date.toString()));
  }

  private static void note(CarePlan carePlan, String prefix, String text) {
    if (!text.isBlank()) {
      carePlan.addNote(new Annotation().setText(prefix + text.strip()));
    }
  }

  private static Goal goal(IntegrationPlan.GoalLine line, Context context, String identifier) {
    Goal goal = new Goal();
    goal.getMeta().addProfile(KapUrls.INTEGRATION_GOAL_PROFILE);
    if (!line.intention().isBlank()) {
      goal.addExtension(KapUrls.SOURCE_INTENTION, new StringType(line.intention()));
    }
    goal.addIdentifier(EntryIdentity.of(identifier));
    goal.setLifecycleStatus(Goal.GoalLifecycleStatus.ACTIVE);
    goal.setDescription(new CodeableConcept().setText(line.goal()));
    goal.setSubject(new Reference("Patient/" + context.patientId()));
    goal.setStart(new DateType(context.sessionDate().toString()));
    line.target().ifPresent(target -> goal.addTarget().setDue(new DateType(target.toString())));
    if (!line.insight().isBlank()) {
      goal.addNote(new Annotation().setText(line.insight().strip()));
    }
    return goal;
  }

  private static DocumentReference document(IntegrationPlan plan, Context context, String entryId) {
    DocumentReference document = new DocumentReference();
    document.getMeta().addProfile(KapUrls.PLAN_DOCUMENT_PROFILE);
    document.addIdentifier(EntryIdentity.of(entryId));
    document.setStatus(Enumerations.DocumentReferenceStatus.CURRENT);
    document.setType(Codings.concept(PlanCodes.DOCUMENT_TYPE));
    document.addCategory(Codings.concept(PlanCodes.DOCUMENT_CATEGORY));
    document.setSubject(new Reference("Patient/" + context.patientId()));
    document.setDate(Date.from(context.now()));
    context.author().ifPresent(author -> document.addAuthor(new Reference(author)));
    document.setDescription("KAP integration plan");
    document.addContent().setAttachment(new Attachment().setContentType("text/markdown; charset=utf-8")
        .setTitle("Integration plan")
        .setData(PlanText.of(plan, context.sessionDate()).getBytes(StandardCharsets.UTF_8)));
    context.encounter().ifPresent(encounter -> document.getContext().addEncounter(new Reference(encounter)));
    return document;
  }

  private static Narrative narrative(List<String> lines) {
    XhtmlNode div = new XhtmlNode(NodeType.Element, "div");
    for (String line : lines) {
      if (!line.isEmpty()) {
        div.addTag("p").addText(line);
      }
    }
    return new Narrative().setStatus(Narrative.NarrativeStatus.GENERATED).setDiv(div);
  }

  /**
   * The plan a CarePlan and its Goals say, for editing; {@code goalAt} finds a Goal by the plan's reference to it.
   * Goals the plan refers to that cannot be found are left out.
   */
  static IntegrationPlan fromResources(CarePlan carePlan, Function<String, Optional<Goal>> goalAt) {
    List<IntegrationPlan.GoalLine> goals = new ArrayList<>();
    for (Reference reference : carePlan.getGoal()) {
      goalAt.apply(reference.getReference()).ifPresent(goal -> goals.add(goalLine(goal)));
    }
    List<String> practices = new ArrayList<>();
    List<IntegrationPlan.FollowUpVisit> followUps = new ArrayList<>();
    List<IntegrationPlan.Remeasure> measures = new ArrayList<>();
    for (CarePlan.CarePlanActivityComponent activity : carePlan.getActivity()) {
      CarePlan.CarePlanActivityDetailComponent detail = activity.getDetail();
      String code = detail.getCode().getCodingFirstRep().getCode();
      String description = detail.getDescription() == null ? "" : detail.getDescription();
      if ("practice".equals(code)) {
        practices.add(description);
      } else if ("follow-up-session".equals(code)) {
        followUps.add(new IntegrationPlan.FollowUpVisit(description.replaceFirst("^" + FOLLOW_UP, ""),
            scheduledDay(detail)));
      } else if ("outcome-measurement".equals(code)) {
        OutcomeMeasure.named(description).ifPresent(m -> measures.add(new IntegrationPlan.Remeasure(m,
            scheduledDay(detail))));
      }
    }
    return new IntegrationPlan(goals, practices, noted(carePlan, THEMES), noted(carePlan, SUPPORT), followUps,
        measures, noted(carePlan, CRISIS));
  }

  /** What the resource is on the EHR, for an update: its reference, version and entry identifier. */
  static IntegrationPlan.Existing existing(Resource resource, List<Identifier> identifiers) {
    String entryId = identifiers.stream().filter(i -> EntryIdentity.SYSTEM.equals(i.getSystem()))
        .map(Identifier::getValue).findFirst().orElseGet(() -> UUID.nameUUIDFromBytes(
            resource.getIdElement().toUnqualifiedVersionless().getValue().getBytes(StandardCharsets.UTF_8)).toString());
    return new IntegrationPlan.Existing(resource.getIdElement().toUnqualifiedVersionless().getValue(),
        Optional.ofNullable(resource.getMeta().getVersionId()), entryId);
  }

  private static IntegrationPlan.GoalLine goalLine(Goal goal) {
    String intention = Optional.ofNullable(goal.getExtensionByUrl(KapUrls.SOURCE_INTENTION))
        .map(e -> e.getValue().primitiveValue()).orElse("");
    String insight = goal.getNote().stream().map(Annotation::getText).findFirst().orElse("");
    Optional<LocalDate> target = goal.getTarget().stream().filter(t -> t.hasDueDateType())
        .map(t -> LocalDate.parse(t.getDueDateType().getValueAsString())).findFirst();
    Optional<IntegrationPlan.Existing> existing = goal.getIdElement().hasIdPart()
        ? Optional.of(existing(goal, goal.getIdentifier())) : Optional.empty();
    return new IntegrationPlan.GoalLine(intention, insight, goal.getDescription().getText(), target, existing);
  }

  private static LocalDate scheduledDay(CarePlan.CarePlanActivityDetailComponent detail) {
    return LocalDate.parse(detail.getScheduledPeriod().getStartElement().getValueAsString().substring(0, 10));
  }

  private static String noted(CarePlan carePlan, String prefix) {
    return carePlan.getNote().stream().map(Annotation::getText).filter(t -> t != null && t.startsWith(prefix))
        .map(t -> t.substring(prefix.length())).findFirst().orElse("");
  }
}
