package org.kapcompanion.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Deliberately broken copies of the examples: each must be rejected with a message a clinician can act on. */
class BrokenInstancesTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      dose-wrong-drug.json                    | Ketamine dose: drug 6131 is not allowed here (allowed: Ketamine and esketamine)
      dose-wrong-route.json                   | Ketamine dose: route 34206005 is not allowed here (allowed: KAP administration routes)
      session-wrong-type.json                 | KAP session: type therapy-session is not allowed here (allowed: KAP session types)
      flag-wrong-code.json                    | Safety alert: code bp-low is not allowed here (allowed: KAP safety alerts)
      note-unknown-tag.json                   | Session note: quick tag value dancing is not allowed here (allowed: KAP quick tags)
      bp-missing-systolic.json                | Blood pressure: systolic value is missing
      dose-missing-route.json                 | Ketamine dose: route is missing
      dose-missing-lot.json                   | Ketamine dose: lot number is missing
      dose-lot-number-not-text.json           | Ketamine dose: lot number must be text, not a whole number
      dose-missing-performer.json             | Ketamine dose: clinician is missing
      moaas-missing-session.json              | MOAA/S sedation score: session is missing
      adverse-event-missing-note.json         | Adverse event: note is missing
      goal-missing-target-date.json           | Integration goal: target date is missing
      session-missing-identifier.json         | KAP session: the record has no KAP entry identifier, so a retried save could create a duplicate
      session-two-types.json                  | KAP session: type: at most 1 allowed, found 2
      bp-wrong-unit.json                      | Blood pressure: systolic unit must be mm[Hg], not mmHg
      dose-wrong-unit.json                    | Ketamine dose: dose unit must be mg, not mL
      dose-zero.json                          | Ketamine dose: the dose must be more than 0 mg
      moaas-out-of-range.json                 | MOAA/S sedation score: the score must be between 0 and 5 (0 = no response to painful stimulus, 5 = responds readily to name)
      phq9-out-of-range.json                  | Outcome score: a PHQ-9 total must be between 0 and 27
      bp-systolic-below-diastolic.json        | Blood pressure: systolic must be higher than diastolic
      careplan-followup-unscheduled.json      | Integration plan: a follow-up session needs a schedule
      provenance-no-author.json               | Save record: the therapist who saved it must be named as author
      predose-missing-escort.json             | KAP pre-dose safety checklist: "Escort home arranged" needs an answer
      predose-missing-prescriber-decision.json | KAP pre-dose safety checklist: "Prescriber's decision" needs an answer
      predose-wrong-answer-type.json          | KAP pre-dose safety checklist: "No alcohol, cannabis or other substances today" needs a yes/no answer
      discharge-disabled-item-answered.json   | KAP discharge checklist: "Responsible adult's name" is answered but does not apply here, given the other answers
      qr-unknown-questionnaire.json           | Form answers: these answers are to a form KAP Companion does not have (http://kapcompanion.org/fhir/Questionnaire/kap-intake)
      """)
  void brokenInstanceFailsWithTheExpectedMessage(String fixture, String expectedMessage) throws IOException {
    ValidationResult result = SharedValidator.VALIDATOR.validate(read(fixture));

    assertThat(result).isInstanceOf(ValidationResult.Invalid.class);
    assertThat(((ValidationResult.Invalid) result).errors())
        .extracting(ValidationProblem::message)
        .contains(expectedMessage);
  }

  private static IBaseResource read(String fixture) throws IOException {
    try (InputStream in = BrokenInstancesTest.class.getResourceAsStream("/profiles/broken/" + fixture)) {
      assertThat(in).as(fixture).isNotNull();
      return SharedValidator.FHIR.newJsonParser().parseResource(in);
    }
  }
}
