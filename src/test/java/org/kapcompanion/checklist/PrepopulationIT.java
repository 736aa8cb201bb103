package org.kapcompanion.checklist;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.hl7.fhir.r4.model.Type;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kapcompanion.launch.QueryEncoding;
import org.kapcompanion.launch.AppSession;
import org.kapcompanion.testing.HttpBrowser;
import org.kapcompanion.testing.Launches;
import org.kapcompanion.testing.StoredSessions;
import org.kapcompanion.testing.TestEnvironment;
import org.kapcompanion.writeback.ConformancePackage;

/** Pre-filling the checklists from a real record, with a launched session's token, against the sandbox EHR. */
class PrepopulationIT {

  private static final FhirContext FHIR = FhirContext.forR4Cached();
  private static final ExecutorService READS = Executors.newFixedThreadPool(4);
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
    Prepopulation.Prefilled prefilled = new Prepopulation(FHIR, READS, java.time.Clock.systemDefaultZone())
        .prefill(form, clientFor("kap-pt-04"), "kap-pt-04").join();
    assertThat(prefilled.answers().first("baseline-systolic").orElseThrow().primitiveValue()).isEqualTo("162");
    assertThat(prefilled.answers().first("baseline-diastolic").orElseThrow().primitiveValue()).isEqualTo("100");
    assertThat(prefilled.answers().first("baseline-heart-rate").orElseThrow().primitiveValue()).isEqualTo("84");
    assertThat(prefilled.answers().get("conditions-on-record")).extracting(Type::primitiveValue)
        .anySatisfy(condition -> assertThat(condition).containsIgnoringCase("hypertension"))
        .hasSizeGreaterThanOrEqualTo(3);
    assertThat(prefilled.answers().get("medications-on-record")).extracting(Type::primitiveValue)
        .anySatisfy(medication -> assertThat(medication).contains("venlafaxine"));
    assertThat(prefilled.linkIds()).contains("baseline-systolic", "conditions-on-record")
        .doesNotContain("fasting", "consent-treatment");
  }

  @Test
  void airwayPrecautionIsTickedFromAnApneaOnTheProblemListAndLeftOpenWithoutOne() throws Exception {
    QuestionnaireForm form = catalog.form(FormCatalog.PREDOSE_CHECKLIST).orElseThrow();
    Prepopulation prepopulation = new Prepopulation(FHIR, READS, java.time.Clock.systemDefaultZone());

    Prepopulation.Prefilled withApnea = prepopulation.prefill(form, clientFor("kap-pt-10"), "kap-pt-10").join();
    Prepopulation.Prefilled without = prepopulation.prefill(form, clientFor("kap-pt-01"), "kap-pt-01").join();

    assertThat(withApnea.answers().first("precaution-airway").orElseThrow().primitiveValue()).isEqualTo("true");
    assertThat(withApnea.linkIds()).contains("precaution-airway");
    assertThat(without.answers().first("precaution-airway")).as("not answered 'no' for the clinician").isEmpty();
    assertThat(without.linkIds()).doesNotContain("precaution-airway");
  }

  @Test
  void dischargeChecklistTakesTheLatestBloodPressure() throws Exception {
    QuestionnaireForm form = catalog.form(FormCatalog.DISCHARGE_CHECKLIST).orElseThrow();
    Prepopulation.Prefilled prefilled = new Prepopulation(FHIR, READS, java.time.Clock.systemDefaultZone())
        .prefill(form, clientFor("kap-pt-01"), "kap-pt-01").join();
    assertThat(prefilled.linkIds()).contains("discharge-systolic", "discharge-diastolic");
  }
}
