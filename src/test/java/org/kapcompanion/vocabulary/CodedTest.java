package org.kapcompanion.vocabulary;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CodedTest {

  @Test
  void aCodeValueNamesItsConstantAndAnyOtherValueNamesNone() {
    assertThat(Coded.byValue(ReviewReason.class, "adverse-event")).contains(ReviewReason.ADVERSE_EVENT);
    assertThat(Coded.byValue(ReviewStatus.class, "changed-after-review")).contains(ReviewStatus.CHANGED_AFTER_REVIEW);
    assertThat(Coded.byValue(Drug.class, "2201623")).contains(Drug.ESKETAMINE);
    assertThat(Coded.byValue(ReviewReason.class, "ADVERSE_EVENT")).isEmpty();
    assertThat(Coded.byValue(ReviewStatus.class, null)).isEmpty();
  }

  @Test
  void aCodeInItsSystemNamesItsConstantAndTheSameValueInAnotherSystemNamesNone() {
    assertThat(Coded.of(SessionCode.class, KapUrls.OBSERVATION_CODES, "session-note"))
        .contains(SessionCode.SESSION_NOTE);
    assertThat(Coded.of(SessionCode.class, Systems.SNOMED, "session-note")).isEmpty();
    assertThat(Coded.of(OutcomeScore.class, Systems.LOINC, "44261-6")).contains(OutcomeScore.PHQ9);
  }

  @Test
  void valueAndDisplayAreTheCodes() {
    assertThat(AlertCode.BP_HIGH.value()).isEqualTo("bp-high");
    assertThat(AlertCode.BP_HIGH.display()).isEqualTo(AlertCode.BP_HIGH.code().display());
  }

  @Test
  void aLabelledConstantIsShownByItsOwnNameAndCodedByItsCodeSystemsDisplay() {
    assertThat(Drug.ESKETAMINE.label()).isEqualTo("Esketamine nasal spray");
    assertThat(Drug.ESKETAMINE.display()).isEqualTo("esketamine Nasal Spray");
    assertThat(Route.IM.code()).isEqualTo(new Code(Systems.SNOMED, "78421000", "Intramuscular route"));
    assertThat(NoKnownAllergy.DRUG.label()).isEqualTo("No known drug allergies");
  }

  @Test
  void aCodeIsSearchedAsSystemBarCodeAndSeveralCodesAsAnyOfThem() {
    assertThat(SessionType.DOSING.code().token())
        .isEqualTo("http://kapcompanion.org/fhir/CodeSystem/kap-session-type|dosing-session");
    assertThat(Code.anyOf(OutcomeScore.PHQ9.code(), OutcomeScore.GAD7.code()))
        .isEqualTo("http://loinc.org|44261-6,http://loinc.org|70274-6");
  }
}
