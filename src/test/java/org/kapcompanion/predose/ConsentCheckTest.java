package org.kapcompanion.predose;

import org.kapcompanion.forms.Answers;
import org.kapcompanion.forms.FormReview;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.kapcompanion.config.CourseRules;
import org.kapcompanion.course.CourseConsent;
import org.kapcompanion.record.Section;
import org.junit.jupiter.api.Test;

/** The pre-dose checklist's use of the course's recorded informed consent: pre-filled when valid, blocked when not. */
class ConsentCheckTest {

  private static final LocalDate SIGNED = LocalDate.of(2026, 10, 2);
  private static final CourseRules.Consent YEARLY = new CourseRules.Consent(365, false);
  private static final CourseRules.Consent REQUIRED = new CourseRules.Consent(365, true);
  private static final Prepopulation.Prefilled EMPTY = new Prepopulation.Prefilled(Answers.none(), Set.of(), Map.of(),
      Map.of());

  private static Section<CourseConsent> consent(CourseConsent.State state, Optional<Boolean> touch) {
    return Section.loaded(new CourseConsent(state, Optional.of(SIGNED), Optional.of(SIGNED.plusDays(365)), "3",
        "Dr. Noor Halvorsen", touch, Optional.of(false), true));
  }

  @Test
  void aValidConsentAnswersTheConsentQuestionsFromTheRecord() {
    Prepopulation.Prefilled prefilled = ConsentCheck.prefill(EMPTY,
        consent(CourseConsent.State.VALID, Optional.of(true)));
    assertThat(prefilled.answers().first("consent-treatment").orElseThrow().primitiveValue()).isEqualTo("true");
    assertThat(prefilled.answers().first("consent-touch").orElseThrow().primitiveValue()).isEqualTo("true");
    assertThat(prefilled.linkIds()).containsExactly("consent-treatment", "consent-touch");
  }

  @Test
  void touchNotAddressedInTheConsentIsStillAsked() {
    Prepopulation.Prefilled prefilled = ConsentCheck.prefill(EMPTY,
        consent(CourseConsent.State.VALID, Optional.empty()));
    assertThat(prefilled.linkIds()).containsExactly("consent-treatment");
    assertThat(prefilled.answers().has("consent-touch")).isFalse();
  }

  @Test
  void anExpiredMissingOrUnreadConsentPrefillsNothing() {
    assertThat(ConsentCheck.prefill(EMPTY, consent(CourseConsent.State.EXPIRED, Optional.of(true)))).isEqualTo(EMPTY);
    assertThat(ConsentCheck.prefill(EMPTY, consent(CourseConsent.State.NONE, Optional.empty()))).isEqualTo(EMPTY);
    assertThat(ConsentCheck.prefill(EMPTY, Section.unavailable("The EHR could not provide this just now.")))
        .isEqualTo(EMPTY);
  }

  @Test
  void blockersFollowTheStateAndTheClinicsRule() {
    record Row(Section<CourseConsent> consent, CourseRules.Consent rules, int blockers) {}
    List<Row> table = List.of(
        new Row(consent(CourseConsent.State.VALID, Optional.empty()), YEARLY, 0),
        new Row(consent(CourseConsent.State.VALID, Optional.empty()), REQUIRED, 0),
        new Row(consent(CourseConsent.State.EXPIRED, Optional.empty()), YEARLY, 1),
        new Row(consent(CourseConsent.State.EXPIRED, Optional.empty()), REQUIRED, 1),
        new Row(consent(CourseConsent.State.NONE, Optional.empty()), YEARLY, 0),
        new Row(consent(CourseConsent.State.NONE, Optional.empty()), REQUIRED, 1),
        new Row(Section.unavailable("Could not be read."), REQUIRED, 0));
    for (Row row : table) {
      assertThat(ConsentCheck.blockers(row.consent(), row.rules())).as(row.toString()).hasSize(row.blockers());
    }
  }

  @Test
  void theExpiredBlockerSaysWhenItExpiredAndWhatToDo() {
    FormReview.Missing blocker = ConsentCheck.blockers(consent(CourseConsent.State.EXPIRED, Optional.empty()), YEARLY)
        .get(0);
    assertThat(blocker.linkId()).isEqualTo("consent-treatment");
    assertThat(blocker.reason()).contains("expired on " + SIGNED.plusDays(365))
        .contains("renews consent every 365 days").contains("record the renewed consent in the EHR");
  }
}
