package org.kapcompanion.predose;

import org.kapcompanion.forms.Answers;
import org.kapcompanion.forms.FormReview;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.BooleanType;
import org.kapcompanion.config.CourseRules;
import org.kapcompanion.course.CourseConsent;
import org.kapcompanion.record.Section;
import org.kapcompanion.vocabulary.ItemId;

/**
 * The pre-dose checklist's side of the course's informed consent: a valid recorded consent answers the consent
 * questions (marked "from the record", so they are not asked each time); an expired one — or none, where the clinic
 * requires one recorded — blocks dosing whatever is ticked, until a renewed consent is recorded. Pure.
 */
final class ConsentCheck {

  static final String TREATMENT = ItemId.CONSENT_TREATMENT.linkId();
  static final String TOUCH = "consent-touch";

  private ConsentCheck() {}

  /** The record's answers with the consent questions answered from a valid consent. */
  static Prepopulation.Prefilled prefill(Prepopulation.Prefilled prefilled, Section<CourseConsent> consent) {
    if (!consent.isLoaded() || !consent.value().valid()) {
      return prefilled;
    }
    Answers answers = prefilled.answers().with(TREATMENT, List.of(new BooleanType(true)));
    Set<String> linkIds = new LinkedHashSet<>(prefilled.linkIds());
    linkIds.add(TREATMENT);
    Optional<Boolean> touch = consent.value().touch();
    if (touch.isPresent()) {
      answers = answers.with(TOUCH, List.of(new BooleanType(touch.get())));
      linkIds.add(TOUCH);
    }
    return new Prepopulation.Prefilled(answers, linkIds, prefilled.absent(), prefilled.takenAt());
  }

  /** Why the recorded consent does not allow dosing today; empty when it does (or cannot be read: then the tick). */
  static List<FormReview.Missing> blockers(Section<CourseConsent> consent, CourseRules.Consent rules) {
    if (!consent.isLoaded()) {
      return List.of();
    }
    CourseConsent found = consent.value();
    if (found.expired()) {
      return List.of(new FormReview.Missing(TREATMENT, "Informed consent", found.shown() + " The clinic renews "
          + "consent every " + rules.renewAfterDays() + " days: record the renewed consent in the EHR, then reopen "
          + "this checklist."));
    }
    if (found.state() == CourseConsent.State.NONE && rules.recordRequired()) {
      return List.of(new FormReview.Missing(TREATMENT, "Informed consent", "No informed consent for the course is "
          + "recorded in the EHR, and the clinic requires one: record it, then reopen this checklist."));
    }
    return List.of();
  }
}
