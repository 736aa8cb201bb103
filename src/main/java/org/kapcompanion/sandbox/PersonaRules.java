package org.kapcompanion.sandbox;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The limits a persona puts on the FHIR API and the authorization server, beyond the strict rules every persona keeps.
 *
 * @param noWrites types the EHR takes no create or update of (read and search only)
 * @param updateOnly types the EHR creates only by an update with a client-chosen id ({@code PUT Type/id})
 * @param observationCategories the Observation categories the EHR takes creates of; empty for any
 * @param conditionalCreate whether {@code If-None-Exist} is honoured (otherwise refused with 400)
 * @param transactions whether transaction and batch Bundles are taken
 * @param accessTokenLifetime the access-token lifetime, when the persona fixes one
 * @param patientLevelWrites whether write scopes are granted at patient level only (user-level writes are dropped)
 * @param crossPatientSearch whether a search of patient data may leave out the patient
 * @param pageSizeCap the largest {@code _count} answered; larger ones are lowered to it
 */
record PersonaRules(Set<String> noWrites, Set<String> updateOnly, Set<String> observationCategories,
    boolean conditionalCreate, boolean transactions, Optional<Duration> accessTokenLifetime,
    boolean patientLevelWrites, boolean crossPatientSearch, OptionalInt pageSizeCap) {

  /** The strict persona: no vendor limits. */
  static final PersonaRules OPEN = new PersonaRules(Set.of(), Set.of(), Set.of(), true, true, Optional.empty(),
      false, true, OptionalInt.empty());

  /**
   * Epic's published R4 API: CarePlan, Goal and Provenance are read/search only; Observation create for vital signs
   * (flowsheets) and a few assessment categories; no conditional create, no transaction or batch; access tokens of
   * about an hour or less (modelled as 10 minutes, the shortest seen); searches of patient data need the patient;
   * page size capped.
   */
  static final PersonaRules EPIC_LIKE = new PersonaRules(Set.of("CarePlan", "Goal", "Provenance"), Set.of(),
      Set.of("vital-signs", "exam", "survey"), false, false, Optional.of(Duration.ofMinutes(10)), true, false,
      OptionalInt.of(100));

  /**
   * Oracle Health (Millennium) R4: CarePlan and Goal read/search only; Provenance create taken; QuestionnaireResponse
   * written by update only (DESIGN §2); Observation create for vital signs and a few categories; no conditional create,
   * no transaction or batch; 10-minute access tokens; searches of patient data need the patient; page size capped.
   */
  static final PersonaRules ORACLE_LIKE = new PersonaRules(Set.of("CarePlan", "Goal"), Set.of("QuestionnaireResponse"),
      Set.of("vital-signs", "exam", "survey"), false, false, Optional.of(Duration.ofMinutes(10)), true, false,
      OptionalInt.of(100));

  /** Types holding patient data, whose searches must name the patient where cross-patient search is refused. */
  static final Set<String> PATIENT_DATA = Set.of("Observation", "Condition", "MedicationRequest",
      "MedicationStatement", "MedicationAdministration", "AllergyIntolerance", "Encounter", "QuestionnaireResponse",
      "CarePlan", "Goal", "DocumentReference", "Flag", "Provenance", "Task");

  /** Search parameters that pin a search of patient data to one patient or one resource. */
  static final Set<String> NARROWING = Set.of("patient", "subject", "_id", "identifier", "target", "encounter",
      "context");
}
