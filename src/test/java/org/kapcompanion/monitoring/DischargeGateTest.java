package org.kapcompanion.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.kapcompanion.checklist.Answers;
import org.kapcompanion.checklist.FormCatalog;
import org.kapcompanion.checklist.FormReview;
import org.kapcompanion.checklist.QuestionnaireForm;
import org.kapcompanion.writeback.SharedValidator;

/** Discharge needs the minimum time since the dose, resolved sedation and dissociation, and every required item. */
class DischargeGateTest {

  private static final QuestionnaireForm FORM = new FormCatalog(SharedValidator.PACKAGE)
      .form(FormCatalog.DISCHARGE_CHECKLIST).orElseThrow();

  @Test
  void completeChecklistAfterTheMinimumTimeMayDischarge() {
    assertThat(DischargeGate.blockers(FORM, complete(), 125, 120)).isEmpty();
  }

  @Test
  void tooEarlyIsABlockerWithTheMinutesSaid() {
    assertThat(DischargeGate.blockers(FORM, complete(), 95, 120)).extracting(FormReview.Missing::reason)
        .containsExactly("Only 95 minutes since the dose; discharge needs at least 120.");
  }

  @Test
  void unresolvedSedationOrDissociationBlocks() {
    Answers answers = complete().with("sedation-resolved", List.of(new BooleanType(false)))
        .with("dissociation-resolved", List.of(new BooleanType(false)));

    assertThat(DischargeGate.blockers(FORM, answers, 130, 120)).extracting(FormReview.Missing::linkId)
        .containsExactly("sedation-resolved", "dissociation-resolved");
  }

  @Test
  void unansweredRequiredItemsBlock() {
    assertThat(DischargeGate.blockers(FORM, complete().with("no-driving", List.of()), 130, 120))
        .extracting(FormReview.Missing::linkId).containsExactly("no-driving");
  }

  static Answers complete() {
    Answers answers = Answers.none().with("time-since-dose", List.of(new org.hl7.fhir.r4.model.IntegerType(125)))
        .with("responsible-adult-name", List.of(new StringType("Sam Doe")))
        .with("ready-to-leave-time", List.of(new DateTimeType("2026-11-20T16:10:00Z")));
    for (String yes : List.of("sedation-resolved", "dissociation-resolved", "bp-acceptable", "clinically-stable",
        "responsible-adult", "no-driving", "recovery-instructions")) {
      answers = answers.with(yes, List.of(new BooleanType(true)));
    }
    return answers;
  }
}
