package org.kapcompanion.testing;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.SimpleQuantity;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.kapcompanion.session.QueryEncoding;

/**
 * Puts KAP dosing sessions into the sandbox EHR the way the app records them — the session Encounter, the dose, blood
 * pressures, a sedation score, the checklists, alerts, adverse events, the therapist's Provenance and a supervisor's
 * co-sign where asked — in transaction bundles, with a token of the supervisor holding user-level write scopes.
 */
public final class SandboxSessions {

  public static final String SESSION_TYPE = "http://kapcompanion.org/fhir/CodeSystem/kap-session-type";
  private static final String ENTRY = "http://kapcompanion.org/fhir/sid/entry";
  private static final String KAP_OBSERVATION = "http://kapcompanion.org/fhir/CodeSystem/kap-observation";
  private static final String LOINC = "http://loinc.org";
  private static final String UCUM = "http://unitsofmeasure.org";
  private static final String PARTICIPANT = "http://terminology.hl7.org/CodeSystem/provenance-participant-type";
  private static final FhirContext FHIR = FhirContext.forR4();

  private final IGenericClient client;

  private SandboxSessions(IGenericClient client) {
    this.client = client;
  }

  /** Writes with a token of the seed's supervisor holding {@code user/*.*}. */
  public static SandboxSessions of(TestEnvironment environment) throws IOException, InterruptedException {
    String token = SandboxAccess.token(environment, Launches.SUPERVISOR, "openid fhirUser user/*.*");
    FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
    FHIR.getRestfulClientFactory().setSocketTimeout(300_000);
    IGenericClient client = FHIR.newRestfulGenericClient(environment.ehr().fhirBase().toString());
    client.registerInterceptor(new BearerTokenAuthInterceptor(token));
    client.registerInterceptor(new QueryEncoding());
    return new SandboxSessions(client);
  }

  /** What the discharge checklist of a session says. */
  public enum Discharge {
    COMPLETED,
    IN_PROGRESS,
    MISSING
  }

  /**
   * One dosing session to write.
   *
   * @param id the Encounter's id
   * @param patient the patient's id
   * @param therapist the therapist's id (a Practitioner)
   * @param start when the session started; the dose is given 10 minutes later
   * @param alert whether a blood-pressure alert was raised
   * @param adverseEvent whether an adverse event was recorded
   * @param bpGateDecision whether the pre-dose blood pressure was above the gate and the prescriber decided to proceed
   * @param discharge the discharge checklist
   * @param coSignedBy the supervisor who co-signed it (a Practitioner id)
   */
  public record Session(String id, String patient, String therapist, Instant start, boolean alert,
      boolean adverseEvent, boolean bpGateDecision, Discharge discharge, Optional<String> coSignedBy) {

    /** A session with nothing that needs attention and a completed discharge. */
    public static Session plain(String id, String patient, String therapist, Instant start) {
      return new Session(id, patient, therapist, start, false, false, false, Discharge.COMPLETED, Optional.empty());
    }

    public Session withAlert() {
      return new Session(id, patient, therapist, start, true, adverseEvent, bpGateDecision, discharge, coSignedBy);
    }

    public Session withAdverseEvent() {
      return new Session(id, patient, therapist, start, alert, true, bpGateDecision, discharge, coSignedBy);
    }

    public Session withBpGateDecision() {
      return new Session(id, patient, therapist, start, alert, adverseEvent, true, discharge, coSignedBy);
    }

    public Session withDischarge(Discharge newDischarge) {
      return new Session(id, patient, therapist, start, alert, adverseEvent, bpGateDecision, newDischarge, coSignedBy);
    }

    public Session coSignedBy(String supervisor) {
      return new Session(id, patient, therapist, start, alert, adverseEvent, bpGateDecision, discharge,
          Optional.of(supervisor));
    }

    Instant dose() {
      return start.plus(Duration.ofMinutes(10));
    }
  }

  /** Creates a practitioner (therapist) with this id and name. */
  public void practitioner(String id, String name) {
    Practitioner practitioner = new Practitioner();
    practitioner.setId(id);
    practitioner.addName(new HumanName().setText(name).setFamily(name.replaceAll(".* ", "")));
    client.update().resource(practitioner).execute();
  }

  /** Creates a patient with this id and name. */
  public void patient(String id, String name) {
    Patient patient = new Patient();
    patient.setId(id);
    patient.addName(new HumanName().setText(name).setFamily(name.replaceAll(".* ", "")));
    patient.setGender(Enumerations.AdministrativeGender.UNKNOWN);
    client.update().resource(patient).execute();
  }

  /**
   * Copies a seed patient and one of its encounters under fresh ids, so a test that writes to the record has a patient
   * no other test reads. Returns the new patient's and encounter's ids.
   */
  public FreshPatient copyOf(String seedPatient, String seedEncounter) {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    Patient patient = client.read().resource(Patient.class).withId(seedPatient).execute();
    patient.setId(seedPatient + "-" + suffix);
    patient.setMeta(null);
    client.update().resource(patient).execute();
    Encounter encounter = client.read().resource(Encounter.class).withId(seedEncounter).execute();
    encounter.setId(seedEncounter + "-" + suffix);
    encounter.setMeta(null);
    encounter.setSubject(new Reference("Patient/" + patient.getIdElement().getIdPart()));
    client.update().resource(encounter).execute();
    return new FreshPatient(patient.getIdElement().getIdPart(), encounter.getIdElement().getIdPart());
  }

  /** A patient copied from the seed, with the encounter to launch into. */
  public record FreshPatient(String patient, String encounter) {}

  /** Writes the sessions in one transaction. */
  public void write(List<Session> sessions) {
    Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
    for (Session session : sessions) {
      for (Resource resource : resources(session)) {
        transaction.addEntry().setResource(resource).getRequest().setMethod(Bundle.HTTPVerb.PUT)
            .setUrl(resource.fhirType() + "/" + resource.getIdElement().getIdPart());
      }
    }
    client.transaction().withBundle(transaction).execute();
  }

  /**
   * Writes a dosing session still running for {@code patient}: started at {@code start}, the dose at {@code dose}
   * ({@code null}: not given yet) and one blood pressure at {@code bpAt}, as the app records them.
   */
  public void running(String id, String patient, String therapist, Instant start, Instant dose, int systolic,
      int diastolic, Instant bpAt) {
    Session session = Session.plain(id, patient, therapist, start).withDischarge(Discharge.MISSING);
    Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
    for (Resource resource : resources(session)) {
      if (resource instanceof Encounter encounter) {
        encounter.setStatus(Encounter.EncounterStatus.INPROGRESS);
        encounter.getPeriod().setEnd(null);
      } else if (resource instanceof MedicationAdministration administration && dose != null) {
        administration.setEffective(new DateTimeType(Date.from(dose)));
      } else {
        continue;
      }
      transaction.addEntry().setResource(resource).getRequest().setMethod(Bundle.HTTPVerb.PUT)
          .setUrl(resource.fhirType() + "/" + resource.getIdElement().getIdPart());
    }
    Observation bp = bloodPressure(session, id + "-bp-severe", bpAt, systolic, diastolic);
    transaction.addEntry().setResource(bp).getRequest().setMethod(Bundle.HTTPVerb.PUT)
        .setUrl("Observation/" + bp.getIdElement().getIdPart());
    client.transaction().withBundle(transaction).execute();
  }

  /**
   * A new patient named {@code name} (id starting with {@code prefix}) in a dosing session of therapist 1 started
   * {@code startedAgo} before now, no dose given yet and a blood pressure of 124/82 a minute after the start.
   */
  public String patientAwaitingTheDose(String prefix, String name, Duration startedAgo) {
    String patient = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    patient(patient, name);
    Instant start = Instant.now().minus(startedAgo);
    running(patient + "-session", patient, Launches.THERAPIST, start, null, 124, 82, start.plus(Duration.ofMinutes(1)));
    return patient;
  }

  /** Adds one more blood pressure to the session {@code id} of {@code patient} (as written by {@link #running}). */
  public void addBloodPressure(String id, String patient, String therapist, Instant start, String observationId,
      Instant at, int systolic, int diastolic) {
    add(bloodPressure(Session.plain(id, patient, therapist, start), observationId, at, systolic, diastolic));
  }

  /** Deletes a resource, e.g. a patient the EHR must no longer have ({@code Patient/id}). */
  public void delete(String reference) {
    client.delete().resourceById(new org.hl7.fhir.r4.model.IdType(reference)).execute();
  }

  /**
   * A new patient {@code patient} whose dosing session, started a minute ago by the seed's therapist, is running (in
   * progress, dose given, no discharge yet).
   */
  public void patientInARunningSession(String patient, String name) {
    patient(patient, name);
    for (Resource resource : resources(Session.plain(patient + "-session", patient, Launches.THERAPIST,
        Instant.now().minus(Duration.ofMinutes(1))).withDischarge(Discharge.MISSING))) {
      if (resource instanceof Encounter encounter) {
        encounter.setStatus(Encounter.EncounterStatus.INPROGRESS).getPeriod().setEnd(null);
      }
      add(resource);
    }
  }

  /** Every resource a search finds (first 1,000), past the server's search cache. */
  public List<Resource> search(String query) {
    Bundle bundle = client.search().byUrl(query + (query.contains("?") ? "&" : "?") + "_count=1000")
        .cacheControl(new ca.uhn.fhir.rest.api.CacheControlDirective().setNoCache(true))
        .returnBundle(Bundle.class).execute();
    return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).toList();
  }

  /** Writes one more resource, e.g. a note the therapist adds after a co-sign. */
  public void add(Resource resource) {
    client.update().resource(resource).execute();
  }

  /** A session note the therapist records at {@code at}, with its author Provenance. */
  public void addNote(Session session, String id, String text, Instant at) {
    Observation note = observation(session, id, KAP_OBSERVATION, "session-note", at);
    note.setValue(new StringType(text));
    add(note);
    add(authorProvenance(session, id + "-provenance", at.plusSeconds(30), List.of("Observation/" + id)));
  }

  /**
   * A further dose of the session's drug, as a second tab or a top-up records it: the first dose of
   * {@code resources} copied with an id, entry identifier, time ({@code minutesAfter} the first) and mg of its own.
   */
  public static MedicationAdministration secondDose(List<Resource> resources, int minutesAfter, int mg) {
    MedicationAdministration first = resources.stream().filter(MedicationAdministration.class::isInstance)
        .map(MedicationAdministration.class::cast).findFirst().orElseThrow();
    MedicationAdministration second = first.copy();
    second.setId(first.getIdElement().getIdPart() + "-2");
    second.setIdentifier(new ArrayList<>(List.of(identifier(second.getIdElement().getIdPart()))));
    second.setEffective(new DateTimeType(Date.from(first.getEffectiveDateTimeType().getValue().toInstant()
        .plus(Duration.ofMinutes(minutesAfter)))));
    second.getDosage().getDose().setValue(mg);
    return second;
  }

  /** The resources of one session, each with its id set. */
  public static List<Resource> resources(Session session) {
    List<Resource> resources = new ArrayList<>();
    String reference = "Encounter/" + session.id();
    Encounter encounter = new Encounter();
    encounter.setId(session.id());
    encounter.addIdentifier(identifier(session.id()));
    encounter.setStatus(Encounter.EncounterStatus.FINISHED);
    encounter.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", "ambulatory"));
    encounter.addType(new CodeableConcept(new Coding(SESSION_TYPE, "dosing-session", "KAP dosing session")));
    encounter.setSubject(new Reference("Patient/" + session.patient()));
    encounter.addParticipant().addType(new CodeableConcept(new Coding(
            "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "PPRF", "primary performer")))
        .setIndividual(new Reference("Practitioner/" + session.therapist()));
    encounter.getPeriod().setStart(Date.from(session.start()))
        .setEnd(Date.from(session.start().plus(Duration.ofMinutes(170))));
    resources.add(encounter);

    MedicationAdministration dose = new MedicationAdministration();
    dose.setId(session.id() + "-dose");
    dose.addIdentifier(identifier(dose.getIdElement().getIdPart()));
    dose.addExtension("http://kapcompanion.org/fhir/StructureDefinition/kap-lot-number", new StringType("KT-LOT-7"));
    dose.setStatus(MedicationAdministration.MedicationAdministrationStatus.COMPLETED);
    dose.setMedication(new CodeableConcept(new Coding("http://www.nlm.nih.gov/research/umls/rxnorm", "6130",
        "ketamine")).setText("Ketamine"));
    dose.setSubject(new Reference("Patient/" + session.patient()));
    dose.setContext(new Reference(reference));
    dose.setEffective(new DateTimeType(Date.from(session.dose())));
    dose.addPerformer().setActor(new Reference("Practitioner/" + session.therapist()));
    dose.getDosage().setRoute(new CodeableConcept(new Coding("http://snomed.info/sct", "78421000",
        "Intramuscular route"))).setDose((SimpleQuantity) new SimpleQuantity().setValue(50).setUnit("mg")
            .setSystem(UCUM).setCode("mg"));
    resources.add(dose);

    int baselineSystolic = session.bpGateDecision() ? 152 : 124;
    resources.add(bloodPressure(session, session.id() + "-bp-000", session.dose().minusSeconds(300),
        baselineSystolic, 82));
    resources.add(bloodPressure(session, session.id() + "-bp-040", session.dose().plusSeconds(2400),
        session.alert() ? 186 : 138, session.alert() ? 112 : 86));
    resources.add(bloodPressure(session, session.id() + "-bp-120", session.dose().plusSeconds(7200), 126, 80));
    Observation sedation = observation(session, session.id() + "-moaas-030", KAP_OBSERVATION, "moaas",
        session.dose().plusSeconds(1800));
    sedation.addCategory(category("exam"));
    sedation.setValue(new IntegerType(4));
    resources.add(sedation);
    if (session.alert()) {
      Flag flag = new Flag();
      flag.setId(session.id() + "-alert");
      flag.addIdentifier(identifier(flag.getIdElement().getIdPart()));
      flag.setStatus(Flag.FlagStatus.ACTIVE);
      flag.addCategory(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/flag-category",
          "clinical", "Clinical")));
      flag.setCode(new CodeableConcept(new Coding("http://kapcompanion.org/fhir/CodeSystem/kap-alert", "bp-high",
          "Blood pressure above threshold")));
      flag.setSubject(new Reference("Patient/" + session.patient()));
      flag.setEncounter(new Reference(reference));
      flag.getPeriod().setStart(Date.from(session.dose().plusSeconds(2400)));
      flag.setAuthor(new Reference("Practitioner/" + session.therapist()));
      resources.add(flag);
    }
    if (session.adverseEvent()) {
      Observation adverse = observation(session, session.id() + "-adverse", KAP_OBSERVATION, "adverse-event",
          session.dose().plusSeconds(2700));
      adverse.addCategory(category("exam"));
      adverse.setValue(new CodeableConcept(new Coding("http://snomed.info/sct", "422400008", "Vomiting")));
      adverse.addNote().setText("Vomited once; settled within 15 minutes.");
      resources.add(adverse);
    }
    resources.add(predose(session, baselineSystolic));
    if (session.discharge() != Discharge.MISSING) {
      resources.add(discharge(session));
    }
    List<String> targets = new ArrayList<>();
    resources.forEach(r -> targets.add(r.fhirType() + "/" + r.getIdElement().getIdPart()));
    resources.add(authorProvenance(session, session.id() + "-provenance",
        session.start().plus(Duration.ofMinutes(175)), targets));
    session.coSignedBy().ifPresent(supervisor -> {
      Provenance coSign = new Provenance();
      coSign.setId(session.id() + "-cosign");
      coSign.addTarget(new Reference(reference));
      coSign.setRecorded(Date.from(session.start().plus(Duration.ofDays(1))));
      coSign.addAgent().setType(new CodeableConcept(new Coding(PARTICIPANT, "verifier", "Verifier")))
          .setWho(new Reference("Practitioner/" + supervisor));
      resources.add(coSign);
    });
    return resources;
  }

  private static Provenance authorProvenance(Session session, String id, Instant recorded, List<String> targets) {
    Provenance provenance = new Provenance();
    provenance.setId(id);
    targets.forEach(target -> provenance.addTarget(new Reference(target)));
    provenance.addTarget(new Reference("Patient/" + session.patient()));
    provenance.setRecorded(Date.from(recorded));
    provenance.addAgent().setType(new CodeableConcept(new Coding(PARTICIPANT, "author", "Author")))
        .setWho(new Reference("Practitioner/" + session.therapist()));
    return provenance;
  }

  private static QuestionnaireResponse predose(Session session, int baselineSystolic) {
    QuestionnaireResponse response = checklist(session, session.id() + "-predose",
        "http://kapcompanion.org/fhir/Questionnaire/kap-predose-checklist", session.dose().minusSeconds(600),
        QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
    QuestionnaireResponse.QuestionnaireResponseItemComponent vitals = response.addItem().setLinkId("baseline-vitals");
    answer(vitals.addItem().setLinkId("baseline-systolic"), new IntegerType(baselineSystolic));
    answer(vitals.addItem().setLinkId("baseline-diastolic"), new IntegerType(82));
    answer(vitals.addItem().setLinkId("baseline-taken-at"), new DateTimeType(Date.from(session.dose()
        .minusSeconds(300))));
    answer(vitals.addItem().setLinkId("bp-above-gate"), new BooleanType(session.bpGateDecision()));
    if (session.bpGateDecision()) {
      answer(vitals.addItem().setLinkId("prescriber-decision"), new Coding(
          "http://kapcompanion.org/fhir/CodeSystem/kap-prescriber-decision", "proceed", "Proceed with dosing"));
      answer(vitals.addItem().setLinkId("prescriber-name"), new StringType("Dr. Ines Achterberg, MD"));
    }
    answer(response.addItem().setLinkId("fasting"), new BooleanType(true));
    return response;
  }

  private static QuestionnaireResponse discharge(Session session) {
    boolean completed = session.discharge() == Discharge.COMPLETED;
    Instant ready = session.start().plus(Duration.ofMinutes(160));
    QuestionnaireResponse response = checklist(session, session.id() + "-discharge",
        "http://kapcompanion.org/fhir/Questionnaire/kap-discharge-checklist", ready,
        completed ? QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED
            : QuestionnaireResponse.QuestionnaireResponseStatus.INPROGRESS);
    answer(response.addItem().setLinkId("time-since-dose"), new IntegerType(150));
    if (completed) {
      answer(response.addItem().setLinkId("ready-to-leave-time"), new DateTimeType(Date.from(ready)));
      answer(response.addItem().setLinkId("monitoring-minutes"), new IntegerType(150));
    }
    return response;
  }

  private static QuestionnaireResponse checklist(Session session, String id, String questionnaire, Instant authored,
      QuestionnaireResponse.QuestionnaireResponseStatus status) {
    QuestionnaireResponse response = new QuestionnaireResponse();
    response.setId(id);
    response.setIdentifier(identifier(id));
    response.setQuestionnaire(questionnaire);
    response.setStatus(status);
    response.setSubject(new Reference("Patient/" + session.patient()));
    response.setEncounter(new Reference("Encounter/" + session.id()));
    response.setAuthored(Date.from(authored));
    response.setAuthor(new Reference("Practitioner/" + session.therapist()));
    return response;
  }

  private static void answer(QuestionnaireResponse.QuestionnaireResponseItemComponent item, Type value) {
    item.addAnswer().setValue(value);
  }

  private static Observation bloodPressure(Session session, String id, Instant at, int systolic, int diastolic) {
    Observation observation = observation(session, id, LOINC, "85354-9", at);
    observation.addCategory(category("vital-signs"));
    observation.addComponent().setCode(new CodeableConcept(new Coding(LOINC, "8480-6", "Systolic blood pressure")))
        .setValue(new Quantity().setValue(systolic).setUnit("mmHg").setSystem(UCUM).setCode("mm[Hg]"));
    observation.addComponent().setCode(new CodeableConcept(new Coding(LOINC, "8462-4", "Diastolic blood pressure")))
        .setValue(new Quantity().setValue(diastolic).setUnit("mmHg").setSystem(UCUM).setCode("mm[Hg]"));
    return observation;
  }

  private static Observation observation(Session session, String id, String system, String code, Instant at) {
    Observation observation = new Observation();
    observation.setId(id);
    observation.addIdentifier(identifier(id));
    observation.setStatus(Observation.ObservationStatus.FINAL);
    observation.setCode(new CodeableConcept(new Coding(system, code, null)));
    observation.setSubject(new Reference("Patient/" + session.patient()));
    observation.setEncounter(new Reference("Encounter/" + session.id()));
    observation.setEffective(new DateTimeType(Date.from(at)));
    observation.addPerformer(new Reference("Practitioner/" + session.therapist()));
    return observation;
  }

  private static CodeableConcept category(String code) {
    return new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/observation-category", code, null));
  }

  private static Identifier identifier(String id) {
    return new Identifier().setSystem(ENTRY)
        .setValue(UUID.nameUUIDFromBytes(id.getBytes(StandardCharsets.UTF_8)).toString());
  }
}
