package org.kapcompanion.forms;

import java.util.List;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;

/** Lists what a form still needs: every required question that is asked (enabled) and not yet answered. */
public final class FormReview {

  private FormReview() {}

  /**
   * An answer the form still needs.
   *
   * @param linkId the question
   * @param question its text, as the clinician sees it
   * @param reason why it blocks, in plain words
   */
  public record Missing(String linkId, String question, String reason) {}

  public static List<Missing> missing(QuestionnaireForm form, Answers answers) {
    return form.questions().stream()
        .filter(QuestionnaireItemComponent::getRequired)
        .filter(item -> EnableWhen.isEnabled(form, item, answers))
        .filter(item -> !answers.has(item.getLinkId()))
        .map(item -> new Missing(item.getLinkId(), item.getText(), "Not answered yet."))
        .toList();
  }
}
