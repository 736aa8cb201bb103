package org.kapcompanion.predose;

import org.kapcompanion.forms.FormCatalog;
import org.kapcompanion.forms.QuestionnaireForm;
import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kapcompanion.session.QueryEncoding;
import org.kapcompanion.session.AppSession;
import org.kapcompanion.testing.HttpBrowser;
import org.kapcompanion.testing.SandboxSessions;
import org.kapcompanion.testing.Launches;
import org.kapcompanion.testing.StoredSessions;
import org.kapcompanion.testing.TestEnvironment;
import org.kapcompanion.writeback.ConformancePackage;

/**
 * Pre-filling the checklists and the integration plan from a real record, with a launched session's token, against the
 * sandbox EHR.
 */
class PrepopulationIT {

  private static final FhirContext FHIR = FhirContext.forR4Cached();
  private static final ExecutorService READS = Executors.newFixedThreadPool(4);
  private static final org.kapcompanion.config.ClinicalProtocol PROTOCOL = new org.kapcompanion.config.ClinicalProtocol(
      List.of(new org.kapcompanion.config.ClinicalProtocol.MedicationClass("SNRI (venlafaxine and others)", "",
          java.util.Set.of(), List.of("venlafaxine"))), List.of(), null, null, null, null, List.of(), null, "");
  private static FormCatalog catalog;
  private static TestEnvironment environment;

  @BeforeAll
  static void start() {
    environment = TestEnvironment.get();
    environment.app(TestEnvironment.PUBLIC_CLIENT);
    catalog = new FormCatalog(ConformancePackage.fromClasspath(FHIR));
    FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
  }

  @AfterAll
  static void stop() {
    READS.shutdown();
  }

  private static IGenericClient clientFor(String patient) throws Exception {
    HttpBrowser browser = new HttpBrowser();
    HttpBrowser.Page page = new Launches(environment, browser).ehrLaunchedPage(TestEnvironment.PUBLIC_CLIENT, patient);
    AppSession session = StoredSessions.session(TestEnvironment.PUBLIC_CLIENT, browser, page);
    IGenericClient client = FHIR.newRestfulGenericClient(session.fhirBase().toString());
    client.registerInterceptor(new BearerTokenAuthInterceptor(session.tokens().accessToken()));
    client.registerInterceptor(new QueryEncoding());
    return client;
  }

  @Test
  void predoseChecklistIsPrefilledFromTheRecord() throws Exception {
    QuestionnaireForm form = catalog.form(FormCatalog.PREDOSE_CHECKLIST).orElseThrow();
    Prepopulation.Prefilled prefilled = new Prepopulation(FHIR, READS, java.time.Clock.systemDefaultZone(),
        concept -> org.kapcompanion.record.Interactions.listed(concept, PROTOCOL))
        .prefill(form, clientFor("kap-pt-04"), "kap-pt-04").join();
    assertThat(prefilled.answers().first("baseline-systolic").orElseThrow().primitiveValue()).isEqualTo("162");
    assertThat(prefilled.answers().first("baseline-diastolic").orElseThrow().primitiveValue()).isEqualTo("100");
    assertThat(prefilled.answers().first("baseline-heart-rate").orElseThrow().primitiveValue()).isEqualTo("84");
    assertThat(prefilled.takenAt()).as("when each reading was taken, for the page to judge and show")
        .containsKeys("baseline-systolic", "baseline-heart-rate", "baseline-taken-at");
    assertThat(prefilled.answers().first("baseline-taken-at").orElseThrow().primitiveValue())
        .startsWith(java.time.LocalDate.now().minusDays(3).toString().substring(0, 4));
    assertThat(prefilled.answers().get("conditions-on-record")).extracting(Type::primitiveValue)
        .anySatisfy(condition -> assertThat(condition).containsIgnoringCase("hypertension"))
        .hasSizeGreaterThanOrEqualTo(3);
    assertThat(prefilled.answers().get("medications-on-record")).extracting(Type::primitiveValue)
        .anySatisfy(medication -> assertThat(medication).contains("venlafaxine").endsWith(" — flagged: SNRI "
            + "(venlafaxine and others)"));
    assertThat(prefilled.linkIds()).contains("baseline-systolic", "conditions-on-record")
        .doesNotContain("fasting", "consent-treatment");
  }

  @Test
  void airwayPrecautionIsTickedFromAnApneaOnTheProblemListAndLeftOpenWithoutOne() throws Exception {
    QuestionnaireForm form = catalog.form(FormCatalog.PREDOSE_CHECKLIST).orElseThrow();
    Prepopulation prepopulation = new Prepopulation(FHIR, READS, java.time.Clock.systemDefaultZone(),
        concept -> org.kapcompanion.record.Interactions.listed(concept, PROTOCOL));

    Prepopulation.Prefilled withApnea = prepopulation.prefill(form, clientFor("kap-pt-10"), "kap-pt-10").join();
    Prepopulation.Prefilled without = prepopulation.prefill(form, clientFor("kap-pt-01"), "kap-pt-01").join();

    assertThat(withApnea.answers().first("precaution-airway").orElseThrow().primitiveValue()).isEqualTo("true");
    assertThat(withApnea.linkIds()).contains("precaution-airway");
    assertThat(without.answers().first("precaution-airway")).as("not answered 'no' for the clinician").isEmpty();
    assertThat(without.linkIds()).doesNotContain("precaution-airway");
  }

  @Test
  void integrationPlanStartsWithPcl5WhenPtsdIsOnTheProblemListAndWithThePreparationsSupportPerson() throws Exception {
    SandboxSessions sandbox = SandboxSessions.of(environment);
    String withPtsd = sandbox.copyOf("kap-pt-06", "kap-pt-06-prep-01").patient();
    String without = sandbox.copyOf("kap-pt-06", "kap-pt-06-prep-01").patient();
    Condition ptsd = new Condition().setSubject(new Reference("Patient/" + withPtsd));
    ptsd.setId(withPtsd + "-ptsd");
    ptsd.getCode().addCoding().setSystem("http://snomed.info/sct").setCode("47505003")
        .setDisplay("Posttraumatic stress disorder");
    ptsd.getClinicalStatus().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/condition-clinical")
        .setCode("active");
    sandbox.add(ptsd);
    for (String patient : new String[] {withPtsd, without}) {
      QuestionnaireResponse preparation = new QuestionnaireResponse().setQuestionnaire(FormCatalog.PREPARATION)
          .setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED)
          .setSubject(new Reference("Patient/" + patient)).setAuthored(new Date());
      preparation.setId(patient + "-preparation");
      preparation.addItem().setLinkId("support-person").addAnswer().setValue(new StringType("Ruth Ames (sister)"));
      sandbox.add(preparation);
    }

    String ticked = planPage(withPtsd);
    String unticked = planPage(without);

    Pattern pcl5Ticked = Pattern.compile("name=\"measure\\.PCL5\"[^>]*checked");
    assertThat(ticked).containsPattern(pcl5Ticked).contains("PCL-5 (0–80, self-report)", "Ruth Ames (sister)");
    assertThat(unticked).doesNotContainPattern(pcl5Ticked).contains("PCL-5 (0–80, self-report)",
        "Ruth Ames (sister)");
  }

  private static String planPage(String patient) throws Exception {
    HttpBrowser browser = new HttpBrowser();
    HttpBrowser.Page summary = new Launches(environment, browser)
        .ehrLaunchedPage(TestEnvironment.PUBLIC_CLIENT, patient);
    HttpBrowser.Page plan = browser.get(summary.url().resolve("integration"));
    assertThat(plan.status()).isEqualTo(200);
    return plan.body();
  }

  @Test
  void dischargeChecklistTakesTheLatestBloodPressure() throws Exception {
    QuestionnaireForm form = catalog.form(FormCatalog.DISCHARGE_CHECKLIST).orElseThrow();
    Prepopulation.Prefilled prefilled = new Prepopulation(FHIR, READS, java.time.Clock.systemDefaultZone(),
        concept -> org.kapcompanion.record.Interactions.listed(concept, PROTOCOL))
        .prefill(form, clientFor("kap-pt-01"), "kap-pt-01").join();
    assertThat(prefilled.linkIds()).contains("discharge-systolic", "discharge-diastolic");
  }
}
