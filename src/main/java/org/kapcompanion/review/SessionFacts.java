package org.kapcompanion.review;

import java.time.Instant;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;
import org.kapcompanion.vocabulary.ItemId;
import org.kapcompanion.vocabulary.KapUrls;
import org.kapcompanion.vocabulary.ReviewReason;
import org.kapcompanion.vocabulary.SessionType;
import org.kapcompanion.vocabulary.Systems;

/**
 * What the review queue needs to know about one dosing session, taken from the session Encounter and the resources
 * that point at it (alerts, checklists, Provenance, the review Task) plus its count of adverse events. Supervisors
 * review dosing sessions: those are where a dose is given, monitored and discharged.
 *
 * @param encounterId the session Encounter's id
 * @param patientId the patient's id
 * @param therapist the therapist ({@code Practitioner/…}): the primary performer, else the first practitioner
 * @param start when the session started
 * @param reasons why it needs attention
 * @param coSign the latest supervisor co-sign
 * @param lastAuthored the latest {@code recorded} of an author Provenance of the session
 * @param lastStored the latest {@code meta.lastUpdated} of the Encounter and the alerts and checklists read with it
 * @param task the review Task as the EHR holds it
 */
record SessionFacts(
    String encounterId,
    String patientId,
    Optional<String> therapist,
    Instant start,
    Set<ReviewReason> reasons,
    Optional<CoSign> coSign,
    Optional<Instant> lastAuthored,
    Instant lastStored,
    Optional<Task> task) {

  /**
   * A supervisor's co-sign.
   *
   * @param supervisor the verifier or attester ({@code Practitioner/…})
   * @param recorded when the supervisor co-signed ({@code Provenance.recorded})
   * @param stored when the EHR stored it ({@code meta.lastUpdated}), comparable with other records' storage times
   */
  record CoSign(String supervisor, Instant recorded, Instant stored) {}

  /** The facts of {@code encounter}, or empty when it is not a KAP dosing session. */
  static Optional<SessionFacts> of(Encounter encounter, List<Resource> pointingAtIt, int adverseEvents) {
    String patient = encounter.getSubject().getReferenceElement().getIdPart();
    if (!isDosing(encounter) || patient == null) {
      return Optional.empty();
    }
    Set<ReviewReason> reasons = EnumSet.noneOf(ReviewReason.class);
    if (adverseEvents > 0) {
      reasons.add(ReviewReason.ADVERSE_EVENT);
    }
    boolean dischargeCompleted = false;
    Instant lastStored = stored(encounter);
    Optional<CoSign> coSign = Optional.empty();
    Optional<Instant> lastAuthored = Optional.empty();
    Optional<Task> task = Optional.empty();
    for (Resource resource : pointingAtIt) {
      if (resource instanceof Flag flag && isKapAlert(flag)) {
        reasons.add(ReviewReason.SAFETY_ALERT);
        lastStored = later(lastStored, stored(flag));
      } else if (resource instanceof QuestionnaireResponse response) {
        lastStored = later(lastStored, stored(response));
        if (isPredoseWithPrescriberDecision(response)) {
          reasons.add(ReviewReason.PREDOSE_PRESCRIBER_DECISION);
        }
        if (isPredoseWithMisuseSignal(response)) {
          reasons.add(ReviewReason.MISUSE_SIGNAL);
        }
        dischargeCompleted |= isCompletedDischarge(response);
        if (isCompletedDischarge(response) && isOverride(response)) {
          reasons.add(ReviewReason.DISCHARGE_OVERRIDE);
        }
      } else if (resource instanceof Provenance provenance) {
        Optional<CoSign> candidate = coSignOf(provenance);
        if (candidate.isPresent()
            && (coSign.isEmpty() || candidate.get().recorded().isAfter(coSign.get().recorded()))) {
          coSign = candidate;
        }
        if (hasAgent(provenance, "author") && provenance.hasRecorded()) {
          Instant recorded = provenance.getRecorded().toInstant();
          lastAuthored = Optional.of(lastAuthored.map(at -> later(at, recorded)).orElse(recorded));
        }
      } else if (resource instanceof Task found && isReviewTask(found)) {
        task = Optional.of(found);
      }
    }
    if (!dischargeCompleted) {
      reasons.add(ReviewReason.DISCHARGE_INCOMPLETE);
    }
    Instant start = encounter.getPeriod().hasStart() ? encounter.getPeriod().getStart().toInstant() : stored(encounter);
    return Optional.of(new SessionFacts(encounter.getIdElement().getIdPart(), patient, therapist(encounter), start,
        reasons, coSign, lastAuthored, lastStored, task));
  }

  /** Whether the Encounter is a KAP dosing session. */
  static boolean isDosing(Encounter encounter) {
    return encounter.getType().stream().flatMap(t -> t.getCoding().stream())
        .anyMatch(c -> KapUrls.SESSION_TYPES.equals(c.getSystem()) && SessionType.DOSING.value().equals(c.getCode()));
  }

  private static final Set<String> MISUSE_QUESTIONS = Set.of("misuse-craving", "misuse-outside-use",
      "misuse-more-requested");
  private static final String COURSE_SIGNALS = "course-signals";

  /** The supervisor's co-sign a Provenance records: a verifier or attester who is a Practitioner. */
  static Optional<CoSign> coSignOf(Provenance provenance) {
    if (!provenance.hasRecorded()) {
      return Optional.empty();
    }
    return provenance.getAgent().stream()
        .filter(agent -> agent.getType().getCoding().stream().anyMatch(c -> Systems.PARTICIPANT_TYPE.equals(
            c.getSystem()) && ("verifier".equals(c.getCode()) || "attester".equals(c.getCode()))))
        .map(agent -> agent.getWho().getReference())
        .filter(who -> who != null && who.startsWith("Practitioner/"))
        .findFirst()
        .map(who -> new CoSign(who, provenance.getRecorded().toInstant(), stored(provenance)));
  }

  static boolean hasAgent(Provenance provenance, String type) {
    return provenance.getAgent().stream().anyMatch(agent -> agent.getType().getCoding().stream()
        .anyMatch(c -> Systems.PARTICIPANT_TYPE.equals(c.getSystem()) && type.equals(c.getCode())));
  }

  static boolean isKapAlert(Flag flag) {
    return flag.getCode().getCoding().stream().anyMatch(c -> KapUrls.ALERT_CODES.equals(c.getSystem()))
        && flag.getStatus() != Flag.FlagStatus.ENTEREDINERROR;
  }

  static boolean isReviewTask(Task task) {
    return task.getMeta().hasProfile(KapUrls.REVIEW_TASK_PROFILE);
  }

  /** A pre-dose checklist that records the prescriber's decision on a blood pressure above the gate. */
  static boolean isPredoseWithPrescriberDecision(QuestionnaireResponse response) {
    return response.getQuestionnaire() != null && response.getQuestionnaire().startsWith(KapUrls.PREDOSE_CHECKLIST)
        && answers(response.getItem()).anyMatch(answer -> answer.hasValueCoding()
            && KapUrls.PRESCRIBER_DECISIONS.equals(answer.getValueCoding().getSystem()));
  }

  /**
   * A pre-dose checklist that records a dependency or misuse signal: a misuse or craving question answered "yes", or
   * a signal of the treatment course's watch shown when it was filled in.
   */
  static boolean isPredoseWithMisuseSignal(QuestionnaireResponse response) {
    return response.getQuestionnaire() != null && response.getQuestionnaire().startsWith(KapUrls.PREDOSE_CHECKLIST)
        && items(response.getItem()).anyMatch(item -> MISUSE_QUESTIONS.contains(item.getLinkId())
            ? item.getAnswer().stream().anyMatch(a -> a.hasValueBooleanType() && a.getValueBooleanType().booleanValue())
            : COURSE_SIGNALS.equals(item.getLinkId()) && item.getAnswer().stream()
                .anyMatch(a -> a.hasValueStringType() && a.getValueStringType().getValue().startsWith("Signal")));
  }

  static boolean isCompletedDischarge(QuestionnaireResponse response) {
    return response.getQuestionnaire() != null && response.getQuestionnaire().startsWith(KapUrls.DISCHARGE_CHECKLIST)
        && (response.getStatus() == QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED
            || response.getStatus() == QuestionnaireResponse.QuestionnaireResponseStatus.AMENDED);
  }

  /** A discharge checklist that records a prescriber's override of unmet discharge criteria. */
  static boolean isOverride(QuestionnaireResponse response) {
    return items(response.getItem()).anyMatch(item -> ItemId.OVERRIDE_PRESCRIBER.linkId().equals(item.getLinkId())
        && item.hasAnswer());
  }

  private static Stream<QuestionnaireResponse.QuestionnaireResponseItemComponent> items(
      List<QuestionnaireResponse.QuestionnaireResponseItemComponent> items) {
    return items.stream().flatMap(item -> Stream.concat(Stream.of(item), items(item.getItem())));
  }

  private static Stream<QuestionnaireResponse.QuestionnaireResponseItemAnswerComponent> answers(
      List<QuestionnaireResponse.QuestionnaireResponseItemComponent> items) {
    return items.stream().flatMap(item -> Stream.concat(item.getAnswer().stream(),
        answers(item.getItem())));
  }

  /** The therapist of a session: the primary performer, else the first practitioner. */
  static Optional<String> therapist(Encounter encounter) {
    List<Encounter.EncounterParticipantComponent> practitioners = encounter.getParticipant().stream()
        .filter(p -> p.getIndividual().getReference() != null
            && p.getIndividual().getReference().startsWith("Practitioner/"))
        .toList();
    return practitioners.stream()
        .sorted(Comparator.comparing(p -> p.getType().stream().flatMap(t -> t.getCoding().stream())
            .anyMatch(c -> "PPRF".equals(c.getCode())) ? 0 : 1))
        .map(p -> p.getIndividual().getReference()).findFirst();
  }

  /** When the EHR stored it; the epoch when it does not say. */
  static Instant stored(Resource resource) {
    return resource.getMeta().hasLastUpdated() ? resource.getMeta().getLastUpdated().toInstant() : Instant.EPOCH;
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
