package org.kapcompanion.predose;

import org.kapcompanion.forms.Answers;
import org.kapcompanion.forms.FormCatalog;
import org.kapcompanion.forms.FormReview;
import org.kapcompanion.forms.QuestionnaireForm;
import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.IntegerType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kapcompanion.config.ClinicalProtocol;
import org.kapcompanion.gates.StartGate;
import org.kapcompanion.writeback.ConformancePackage;

class PredoseGateTest {

  private static final ClinicalProtocol.BloodPressure GATE = new ClinicalProtocol.BloodPressure(140, 90);
  private static QuestionnaireForm predose;

  @BeforeAll
  static void load() {
    predose = new FormCatalog(ConformancePackage.fromClasspath(FhirContext.forR4Cached()))
        .form(FormCatalog.PREDOSE_CHECKLIST).orElseThrow();
  }

  private static Answers baseline(int systolic, int diastolic) {
    return Answers.none().with("baseline-systolic", List.of(new IntegerType(systolic)))
        .with("baseline-diastolic", List.of(new IntegerType(diastolic)));
  }

  @Test
  void gateIsSetFromTheBaselineAndTheClinicsLimit() {
    assertThat(PredoseGate.withGate(baseline(138, 88), GATE).first(PredoseGate.ABOVE_GATE).orElseThrow()
        .primitiveValue()).isEqualTo("false");
    assertThat(PredoseGate.withGate(baseline(141, 80), GATE).first(PredoseGate.ABOVE_GATE).orElseThrow()
        .primitiveValue()).isEqualTo("true");
    assertThat(PredoseGate.withGate(baseline(120, 95), GATE).first(PredoseGate.ABOVE_GATE).orElseThrow()
        .primitiveValue()).isEqualTo("true");
    assertThat(PredoseGate.withGate(baseline(150, 95), new ClinicalProtocol.BloodPressure(160, 100))
        .first(PredoseGate.ABOVE_GATE).orElseThrow().primitiveValue()).isEqualTo("false");
  }

  @Test
  void gateIsUnknownUntilBothReadingsAreIn() {
    Answers typedBefore = Answers.none().with(PredoseGate.ABOVE_GATE, List.of(new BooleanType(false)))
        .with("baseline-systolic", List.of(new IntegerType(180)));
    assertThat(PredoseGate.withGate(typedBefore, GATE).has(PredoseGate.ABOVE_GATE)).isFalse();
  }

  @Test
  void confirmationAnsweredNoBlocksWithItsReason() {
    Answers answers = Answers.none().with("fasting", List.of(new BooleanType(false)))
        .with("escort", List.of(new BooleanType(true)));
    assertThat(PredoseGate.blockers(predose, answers, new StartGate(ClinicalProtocol.Gates.DEFAULTS,
        java.time.ZoneOffset.UTC), java.util.Optional.empty())).extracting(FormReview.Missing::reason)
        .contains("Fasting is not confirmed.").doesNotContain("No escort home is arranged.");
  }
}
