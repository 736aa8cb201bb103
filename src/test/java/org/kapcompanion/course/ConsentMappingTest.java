package org.kapcompanion.course;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kapcompanion.course.CourseFixtures.TODAY;
import static org.kapcompanion.course.CourseFixtures.ZONE;
import static org.kapcompanion.course.CourseFixtures.at;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.kapcompanion.config.CourseRules;

/** The course's consent from the EHR's Consent resources, against the clinic's renewal period. */
class ConsentMappingTest {

  private static final CourseRules.Consent YEARLY = new CourseRules.Consent(365, false);

  static Consent treatment(LocalDate signed, Consent.ConsentState status) {
    Consent consent = new Consent();
    consent.setStatus(status);
    consent.setScope(new CodeableConcept(new Coding(ConsentMapping.SCOPE_SYSTEM, ConsentMapping.TREATMENT, null)));
    consent.setDateTime(at(signed, 10));
    consent.addPolicy().setUri("http://clinic.example/forms/kap-consent|4");
    consent.addExtension(ConsentMapping.WITNESS, new Reference("Practitioner/p1").setDisplay("Dr. Noor Halvorsen"));
    consent.getProvision().addProvision().setType(Consent.ConsentProvisionType.PERMIT).addCode(
        new CodeableConcept(new Coding(ConsentMapping.PROVISIONS, ConsentMapping.TOUCH, null)));
    consent.getProvision().addProvision().setType(Consent.ConsentProvisionType.DENY).addCode(
        new CodeableConcept(new Coding(ConsentMapping.PROVISIONS, ConsentMapping.RECORDING, null)));
    return consent;
  }

  private static CourseConsent of(Resource... resources) {
    return ConsentMapping.of(List.of(resources), YEARLY, TODAY, ZONE);
  }

  @ParameterizedTest(name = "signed {0} days ago, {1} -> {2}")
  @CsvSource({
      "0, ACTIVE, VALID",
      "364, ACTIVE, VALID",
      "365, ACTIVE, EXPIRED",
      "500, ACTIVE, EXPIRED",
      "10, INACTIVE, EXPIRED",
      "10, REJECTED, EXPIRED",
      "10, ENTEREDINERROR, NONE",
      "10, DRAFT, NONE",
      "10, PROPOSED, NONE"})
  void validityFollowsStatusAndTheRenewalPeriod(int daysAgo, Consent.ConsentState status,
      CourseConsent.State expected) {
    assertThat(of(treatment(TODAY.minusDays(daysAgo), status)).state()).isEqualTo(expected);
  }

  @Test
  void readsTheFormVersionTheWitnessAndTheProvisions() {
    CourseConsent consent = of(treatment(TODAY.minusDays(30), Consent.ConsentState.ACTIVE));
    assertThat(consent.signed()).contains(TODAY.minusDays(30));
    assertThat(consent.formVersion()).isEqualTo("4");
    assertThat(consent.witness()).isEqualTo("Dr. Noor Halvorsen");
    assertThat(consent.touch()).contains(true);
    assertThat(consent.recording()).contains(false);
    assertThat(consent.shown()).isEqualTo("Signed " + TODAY.minusDays(30) + " (form version 4), witnessed by "
        + "Dr. Noor Halvorsen; valid until " + TODAY.plusDays(334) + ".");
    assertThat(consent.provisions()).isEqualTo("Therapeutic touch: permitted. Recording: declined.");
  }

  @Test
  void theLatestTreatmentConsentCountsAndOtherScopesAreIgnored() {
    Consent research = treatment(TODAY.minusDays(5), Consent.ConsentState.ACTIVE);
    research.setScope(new CodeableConcept(new Coding(ConsentMapping.SCOPE_SYSTEM, "research", null)));
    Consent renewed = treatment(TODAY.minusDays(3), Consent.ConsentState.ACTIVE);
    CourseConsent consent = of(treatment(TODAY.minusDays(400), Consent.ConsentState.ACTIVE), renewed, research);
    assertThat(consent.state()).isEqualTo(CourseConsent.State.VALID);
    assertThat(consent.signed()).contains(TODAY.minusDays(3));
    assertThat(of(research).state()).isEqualTo(CourseConsent.State.NONE);
  }

  @Test
  void anExpiredConsentSaysWhenItExpiredAndAMissingOneSaysNoneRecorded() {
    CourseConsent expired = of(treatment(TODAY.minusDays(400), Consent.ConsentState.ACTIVE));
    assertThat(expired.shown()).contains("expired on " + TODAY.minusDays(35));
    assertThat(of().shown()).isEqualTo("No informed consent for the course is recorded in the EHR.");
    Consent bare = new Consent();
    bare.setStatus(Consent.ConsentState.ACTIVE);
    bare.setScope(new CodeableConcept(new Coding(ConsentMapping.SCOPE_SYSTEM, ConsentMapping.TREATMENT, null)));
    CourseConsent undated = of(bare);
    assertThat(undated.state()).isEqualTo(CourseConsent.State.EXPIRED);
    assertThat(undated.shown()).contains("date not recorded").contains("form version not recorded")
        .contains("witness not recorded").contains("no signing date");
    assertThat(undated.touch()).isEqualTo(Optional.empty());
    assertThat(undated.provisions()).contains("Therapeutic touch: not addressed in the consent");
  }
}
