package org.kapcompanion.record;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.kapcompanion.config.ClinicalProtocol;
import org.kapcompanion.recorded.Codings;
import org.kapcompanion.recorded.Dose;
import org.kapcompanion.recorded.SessionDecoder;
import org.kapcompanion.vocabulary.Code;
import org.kapcompanion.vocabulary.Coded;
import org.kapcompanion.vocabulary.NoKnownAllergy;
import org.kapcompanion.vocabulary.OutcomeScore;
import org.kapcompanion.vocabulary.ReadingKind;
import org.kapcompanion.vocabulary.RecordVital;
import org.kapcompanion.vocabulary.SessionCode;
import org.kapcompanion.vocabulary.Systems;

/**
 * Turns the FHIR resources read at launch into the {@link PatientRecord} view model. Pure: no I/O; today's date and
 * the time zone are passed in.
 */
final class RecordMapper {

  private final ClinicalProtocol protocol;
  private final ZoneId zone;

  RecordMapper(ClinicalProtocol protocol, ZoneId zone) {
    this.protocol = protocol;
    this.zone = zone;
  }

  /** The outcome of one read: the resources it returned (and whether the EHR holds more), or why it failed. */
  record PartResult(List<Resource> resources, Optional<String> problem, boolean moreInEhr) {

    static PartResult of(List<Resource> resources) {
      return new PartResult(List.copyOf(resources), Optional.empty(), false);
    }

    static PartResult failed(String problem) {
      return new PartResult(List.of(), Optional.of(problem), false);
    }
  }

  PatientRecord map(Map<RecordPart, PartResult> parts, LocalDate today) {
    return new PatientRecord(
        section(parts, List.of(RecordPart.PATIENT), all -> patient(all, today)),
        section(parts, List.of(RecordPart.CONDITIONS), this::conditions),
        section(parts, List.of(RecordPart.MEDICATION_REQUESTS, RecordPart.MEDICATION_STATEMENTS), this::medications),
        section(parts, List.of(RecordPart.ALLERGIES), RecordMapper::allergies),
        section(parts, List.of(RecordPart.VITALS), this::latestVitals),
        section(parts, List.of(RecordPart.SCORES), this::scores),
        section(parts, List.of(RecordPart.DOSES, RecordPart.SESSION_SCALES, RecordPart.VITALS), all ->
            FirstPage.wholeSessions(priorSessions(all), parts.get(RecordPart.DOSES).moreInEhr())),
        clinicianName(parts.get(RecordPart.CLINICIAN)));
  }

  private static <T> Section<T> section(Map<RecordPart, PartResult> parts, List<RecordPart> needed,
      Function<List<Resource>, T> mapper) {
    List<Resource> resources = new ArrayList<>();
    for (RecordPart part : needed) {
      PartResult result = parts.get(part);
      if (result == null || result.problem().isPresent()) {
        return Section.unavailable(result == null ? "Not read." : result.problem().get());
      }
      resources.addAll(result.resources());
    }
    return Section.loaded(mapper.apply(resources));
  }

  private PatientRecord.Patient patient(List<Resource> resources, LocalDate today) {
    Patient patient = first(resources, Patient.class).orElseThrow(() -> new IllegalStateException("no Patient"));
    Optional<LocalDate> birthDate = Optional.ofNullable(patient.getBirthDateElement().getValueAsString())
        .filter(s -> s.length() == 10).map(LocalDate::parse);
    Optional<String> mrn = patient.getIdentifier().stream()
        .filter(id -> id.hasValue() && id.getType().getCoding().stream()
            .anyMatch(c -> Systems.MEDICAL_RECORD_NUMBER.equals(c.getCode())
                && (!c.hasSystem() || Systems.IDENTIFIER_TYPE.equals(c.getSystem()))))
        .findFirst()
        .map(Identifier::getValue);
    String name = patient.getName().isEmpty() ? "Unnamed patient" : patient.getNameFirstRep().getNameAsSingleString();
    String gender = patient.hasGender() ? patient.getGender().getDisplay() : "Unknown";
    return new PatientRecord.Patient(name, birthDate, birthDate.map(b -> Period.between(b, today).getYears()),
        gender, mrn);
  }

  private List<PatientRecord.Condition> conditions(List<Resource> resources) {
    return of(resources, Condition.class)
        .map(condition -> {
          String status = condition.getClinicalStatus().getCodingFirstRep().getCode();
          boolean active = status == null || List.of("active", "recurrence", "relapse").contains(status);
          return new PatientRecord.Condition(text(condition.getCode()), status == null ? "unknown" : status, active,
              condition.hasOnsetDateTimeType() ? Optional.of(condition.getOnsetDateTimeType().getValueAsString())
                  : Optional.empty(),
              active ? conditionFlag(condition.getCode()) : Optional.empty());
        })
        .sorted(Comparator.comparing((PatientRecord.Condition c) -> !c.active())
            .thenComparing(c -> c.flag().isEmpty()))
        .toList();
  }

  private Optional<PatientRecord.ProtocolFlag> conditionFlag(CodeableConcept code) {
    String text = text(code).toLowerCase(Locale.ROOT);
    return protocol.contraindications().stream()
        .filter(rule -> codes(code, Systems.SNOMED).anyMatch(rule.snomedCodes()::contains)
            || rule.nameKeywords().stream().anyMatch(text::contains))
        .findFirst()
        .map(rule -> new PatientRecord.ProtocolFlag(rule.severity(), rule.name(),
            rule.severity().equals("contraindication") ? "Listed as a contraindication in the clinic protocol."
                : "Needs a prescriber's attention before dosing."));
  }

  private List<PatientRecord.Medication> medications(List<Resource> resources) {
    Map<String, Medication> included = new LinkedHashMap<>();
    of(resources, Medication.class).forEach(m -> included.put("Medication/" + m.getIdElement().getIdPart(), m));
    Stream<PatientRecord.Medication> requests = of(resources, MedicationRequest.class)
        .filter(r -> r.getStatus() == null || List.of("active", "on-hold", "draft").contains(r.getStatus().toCode()))
        .map(r -> medication(concept(r.getMedication(), included), r.getStatus() == null ? "active"
            : r.getStatus().getDisplay(), r.getDosageInstructionFirstRep().getText()));
    Stream<PatientRecord.Medication> statements = of(resources, MedicationStatement.class)
        .filter(s -> s.getStatus() == null || List.of("active", "intended", "on-hold").contains(s.getStatus().toCode()))
        .map(s -> medication(concept(s.getMedication(), included), "taking (reported)",
            s.getDosageFirstRep().getText()));
    return Stream.concat(requests, statements)
        .sorted(Comparator.comparing((PatientRecord.Medication m) -> m.interaction().isEmpty()))
        .toList();
  }

  private PatientRecord.Medication medication(CodeableConcept code, String status, String dosage) {
    return new PatientRecord.Medication(text(code), status, Optional.ofNullable(dosage).filter(d -> !d.isBlank()),
        Interactions.of(code, protocol));
  }

  private static CodeableConcept concept(org.hl7.fhir.r4.model.Type medication, Map<String, Medication> included) {
    if (medication instanceof CodeableConcept concept) {
      return concept;
    }
    if (medication instanceof Reference reference) {
      Medication resolved = included.get(reference.getReference());
      if (resolved != null) {
        return resolved.getCode();
      }
      return new CodeableConcept().setText(reference.hasDisplay() ? reference.getDisplay() : "Medication");
    }
    return new CodeableConcept().setText("Medication");
  }

  private static PatientRecord.Allergies allergies(List<Resource> resources) {
    List<AllergyIntolerance> current = of(resources, AllergyIntolerance.class)
        .filter(a -> !oneOf(a.getClinicalStatus().getCodingFirstRep().getCode(), "inactive", "resolved")
            && !oneOf(a.getVerificationStatus().getCodingFirstRep().getCode(), "entered-in-error", "refuted"))
        .toList();
    List<String> noneKnown = current.stream().flatMap(a -> noKnownAllergy(a).stream())
        .distinct().map(NoKnownAllergy::label).toList();
    List<PatientRecord.Allergy> recorded = current.stream().filter(a -> noKnownAllergy(a).isEmpty())
        .map(a -> new PatientRecord.Allergy(text(a.getCode()),
            a.getReaction().stream().flatMap(r -> r.getManifestation().stream()).map(RecordMapper::text).findFirst(),
            Optional.ofNullable(a.getCriticality()).map(AllergyIntolerance.AllergyIntoleranceCriticality::getDisplay)))
        .toList();
    return new PatientRecord.Allergies(recorded, noneKnown);
  }

  private static boolean oneOf(String code, String... codes) {
    return code != null && List.of(codes).contains(code);
  }

  /** The "no known allergy" assertion an AllergyIntolerance makes by its code, if it makes one. */
  private static Optional<NoKnownAllergy> noKnownAllergy(AllergyIntolerance allergy) {
    return allergy.getCode().getCoding().stream()
        .flatMap(c -> Coded.of(NoKnownAllergy.class, c.getSystem(), c.getCode()).stream()).findFirst();
  }

  /**
   * Whether a search's bundle holds fewer matches than the EHR says there are (its {@code total}): the list was cut
   * short and must not be shown as complete.
   */
  static boolean cutShort(Bundle bundle) {
    if (!bundle.hasTotal()) {
      return false;
    }
    long matches = bundle.getEntry().stream().filter(e -> !e.hasSearch() || !e.getSearch().hasMode()
        || e.getSearch().getMode() == Bundle.SearchEntryMode.MATCH).count();
    return matches < bundle.getTotal();
  }

  private List<PatientRecord.VitalSign> latestVitals(List<Resource> resources) {
    List<Observation> observations = of(resources, Observation.class)
        .sorted(Comparator.comparing(this::effective, Comparator.nullsLast(Comparator.reverseOrder())))
        .toList();
    List<PatientRecord.VitalSign> latest = new ArrayList<>();
    for (RecordVital kind : RecordVital.values()) {
      observations.stream().filter(o -> kind.codes().stream().anyMatch(c -> Codings.carries(o.getCode(), c))).findFirst()
          .flatMap(o -> vitalValue(o, kind))
          .ifPresent(latest::add);
    }
    return latest;
  }

  private Optional<PatientRecord.VitalSign> vitalValue(Observation observation, RecordVital kind) {
    Optional<OffsetDateTime> when = Optional.ofNullable(effective(observation));
    if (kind == RecordVital.BLOOD_PRESSURE) {
      return bloodPressure(observation).map(bp -> new PatientRecord.VitalSign(kind.label(), bp, kind.unit(), when,
          aboveGate(observation)));
    }
    if (!observation.hasValueQuantity()) {
      return Optional.empty();
    }
    Quantity quantity = observation.getValueQuantity();
    String unit = quantity.hasUnit() ? quantity.getUnit() : kind.unit();
    return Optional.of(new PatientRecord.VitalSign(kind.label(), quantity.getValue().stripTrailingZeros()
        .toPlainString(), unit, when, Optional.empty()));
  }

  /** "Above the pre-dose limit" when either pressure exceeds the clinic's gate. */
  private Optional<String> aboveGate(Observation observation) {
    ClinicalProtocol.BloodPressure gate = protocol.bloodPressureGate();
    boolean above = component(observation, ReadingKind.SYSTOLIC).filter(s -> s > gate.systolic()).isPresent()
        || component(observation, ReadingKind.DIASTOLIC).filter(d -> d > gate.diastolic()).isPresent();
    return above ? Optional.of("Above the pre-dose limit of " + gate.systolic() + "/" + gate.diastolic())
        : Optional.empty();
  }

  private static Optional<String> bloodPressure(Observation observation) {
    Optional<Integer> systolic = component(observation, ReadingKind.SYSTOLIC);
    Optional<Integer> diastolic = component(observation, ReadingKind.DIASTOLIC);
    return systolic.isPresent() && diastolic.isPresent()
        ? Optional.of(systolic.get() + "/" + diastolic.get()) : Optional.empty();
  }

  private static Optional<Integer> component(Observation observation, Code code) {
    return observation.getComponent().stream()
        .filter(c -> Codings.carries(c.getCode(), code) && c.hasValueQuantity())
        .map(c -> c.getValueQuantity().getValue().intValue())
        .findFirst();
  }

  private List<PatientRecord.ScoreSeries> scores(List<Resource> resources) {
    List<PatientRecord.ScoreSeries> series = new ArrayList<>();
    for (OutcomeScore kind : OutcomeScore.values()) {
      List<PatientRecord.ScorePoint> points = of(resources, Observation.class)
          .filter(o -> Codings.carries(o.getCode(), kind.code()) && effective(o) != null)
          .flatMap(o -> integerValue(o).map(v -> new PatientRecord.ScorePoint(effective(o).toLocalDate(), v)).stream())
          .sorted(Comparator.comparing(PatientRecord.ScorePoint::date))
          .toList();
      if (!points.isEmpty()) {
        series.add(new PatientRecord.ScoreSeries(kind.label(), kind.code().code(), kind.max(), points));
      }
    }
    return series;
  }

  /**
   * The patient's past dosing sessions, newest first: the ketamine administrations grouped by the session Encounter
   * they were given in (their {@code context}), each administration without one a session of its own.
   */
  private List<PatientRecord.PriorSession> priorSessions(List<Resource> resources) {
    List<Observation> observations = of(resources, Observation.class).toList();
    Map<String, List<MedicationAdministration>> byEncounter = new LinkedHashMap<>();
    List<PatientRecord.PriorSession> sessions = new ArrayList<>();
    of(resources, MedicationAdministration.class)
        .filter(given -> SessionDecoder.dose(given).isPresent() || isKetamine(given.getMedication()))
        .forEach(given -> encounterId(given.getContext()).ifPresentOrElse(
            id -> byEncounter.computeIfAbsent(id, k -> new ArrayList<>()).add(given),
            () -> sessions.add(priorSession(List.of(given), List.of(), true))));
    byEncounter.forEach((id, given) -> sessions.add(priorSession(given, observationsOf(observations, id), false)));
    sessions.sort(Comparator.comparing((PatientRecord.PriorSession s) -> s.date().orElse(LocalDate.MIN)).reversed());
    return List.copyOf(sessions);
  }

  private PatientRecord.PriorSession priorSession(List<MedicationAdministration> administrations,
      List<Observation> observations, boolean withoutSession) {
    List<Dose> doses = SessionDecoder.decode(List.<Resource>copyOf(administrations)).doses();
    Optional<LocalDate> date = administrations.stream()
        .flatMap(given -> SessionDecoder.instant(given.getEffective()).stream())
        .min(Comparator.naturalOrder()).map(at -> at.atZone(zone).toLocalDate());
    return new PatientRecord.PriorSession(date, withoutSession, doses, administrations.size() - doses.size(),
        scaleValues(observations, ReadingKind.MOAAS).min(Integer::compare),
        scaleValues(observations, ReadingKind.DISSOCIATION).max(Integer::compare),
        highestBloodPressure(observations),
        observations.stream().filter(o -> Codings.carries(o.getCode(), SessionCode.SESSION_THEME.code()))
            .filter(Observation::hasValueStringType).map(o -> o.getValueStringType().getValue()).toList());
  }

  /** The id of the Encounter {@code reference} points to; empty when it points to none (or to an EpisodeOfCare). */
  private static Optional<String> encounterId(Reference reference) {
    IIdType id = reference.getReferenceElement();
    return reference.hasReference() && "Encounter".equals(id.getResourceType()) ? Optional.of(id.getIdPart())
        : Optional.empty();
  }

  private static List<Observation> observationsOf(List<Observation> observations, String encounterId) {
    return observations.stream()
        .filter(o -> encounterId(o.getEncounter()).filter(encounterId::equals).isPresent())
        .toList();
  }

  private static Stream<Integer> scaleValues(List<Observation> observations, ReadingKind kind) {
    return observations.stream().filter(o -> Codings.carries(o.getCode(), kind.codes().get(0)))
        .flatMap(o -> integerValue(o).stream());
  }

  private static Optional<String> highestBloodPressure(List<Observation> observations) {
    return observations.stream()
        .filter(o -> Codings.carries(o.getCode(), ReadingKind.BLOOD_PRESSURE.codes().get(0)))
        .filter(o -> component(o, ReadingKind.SYSTOLIC).isPresent())
        .max(Comparator.comparing(o -> component(o, ReadingKind.SYSTOLIC).orElse(0)))
        .flatMap(RecordMapper::bloodPressure);
  }

  private static boolean isKetamine(org.hl7.fhir.r4.model.Type medication) {
    return text(concept(medication, Map.of())).toLowerCase(Locale.ROOT).contains("ketamine");
  }

  private static Optional<Integer> integerValue(Observation observation) {
    if (observation.hasValueIntegerType()) {
      return Optional.of(observation.getValueIntegerType().getValue());
    }
    if (observation.hasValueQuantity() && observation.getValueQuantity().hasValue()) {
      return Optional.of(observation.getValueQuantity().getValue().intValue());
    }
    return Optional.empty();
  }

  private Optional<String> clinicianName(PartResult result) {
    if (result == null || result.problem().isPresent()) {
      return Optional.empty();
    }
    return first(result.resources(), Practitioner.class)
        .filter(Practitioner::hasName)
        .map(p -> p.getNameFirstRep().getNameAsSingleString());
  }

  private OffsetDateTime effective(Observation observation) {
    return observation.hasEffectiveDateTimeType() ? toOffset(observation.getEffectiveDateTimeType()) : null;
  }

  private OffsetDateTime toOffset(DateTimeType dateTime) {
    return dateTime.getValue() == null ? null : dateTime.getValue().toInstant().atZone(zone).toOffsetDateTime();
  }

  static String text(CodeableConcept concept) {
    if (concept.hasText()) {
      return concept.getText();
    }
    return concept.getCoding().stream().filter(Coding::hasDisplay).map(Coding::getDisplay).findFirst()
        .or(() -> concept.getCoding().stream().filter(Coding::hasCode).map(Coding::getCode).findFirst())
        .orElse("Unnamed");
  }

  /** The codes of {@code concept} in {@code system}. */
  static Stream<String> codes(CodeableConcept concept, String system) {
    return concept.getCoding().stream().filter(c -> system.equals(c.getSystem())).map(Coding::getCode);
  }

  private static <T extends Resource> Stream<T> of(List<Resource> resources, Class<T> type) {
    return resources.stream().filter(type::isInstance).map(type::cast);
  }

  private static <T extends Resource> Optional<T> first(List<Resource> resources, Class<T> type) {
    return of(resources, type).findFirst();
  }

  /** Flattens a searchset bundle (or a single resource) into its resources. */
  static List<Resource> resourcesOf(Resource resource) {
    if (resource instanceof Bundle bundle) {
      return bundle.getEntry().stream().filter(Bundle.BundleEntryComponent::hasResource)
          .map(Bundle.BundleEntryComponent::getResource).toList();
    }
    return resource == null ? List.of() : List.of(resource);
  }
}
