package org.kapcompanion.forms;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Type;
import org.kapcompanion.writeback.EntryIdentity;

/**
 * Maps form answers to a QuestionnaireResponse of the form's Questionnaire and back. Pure: answers to questions that
 * are not asked (disabled by enableWhen) are left out, as SDC requires; groups nest as in the Questionnaire.
 */
public final class ResponseMapper {

  private ResponseMapper() {}

  /**
   * Who and what a response is about.
   *
   * @param entryId the entry identifier made once, when the clinician started the form
   * @param patient the patient reference, e.g. {@code Patient/123}
   * @param encounter the session encounter, when there is one
   * @param author the clinician, e.g. {@code Practitioner/456}
   * @param authored when it was completed
   * @param complete whether every required answer is given
   */
  public record Context(String entryId, String patient, Optional<String> encounter, Optional<String> author, Date authored,
      boolean complete) {}

  public static QuestionnaireResponse toResponse(QuestionnaireForm form, Answers answers, Context context) {
    QuestionnaireResponse response = new QuestionnaireResponse()
        .setQuestionnaire(form.canonical())
        .setStatus(context.complete() ? QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED
            : QuestionnaireResponse.QuestionnaireResponseStatus.INPROGRESS)
        .setSubject(new Reference(context.patient()))
        // to the millisecond, so of two versions saved within a second the later one is the latest
        .setAuthoredElement(new DateTimeType(context.authored(), TemporalPrecisionEnum.MILLI));
    response.setIdentifier(EntryIdentity.of(context.entryId()));
    context.encounter().ifPresent(encounter -> response.setEncounter(new Reference(encounter)));
    context.author().ifPresent(author -> response.setAuthor(new Reference(author)));
    response.setItem(items(form, form.topLevelItems(), answers));
    return response;
  }

  private static List<QuestionnaireResponseItemComponent> items(QuestionnaireForm form,
      List<QuestionnaireItemComponent> questions, Answers answers) {
    return questions.stream()
        .filter(item -> EnableWhen.isEnabled(form, item, answers))
        .map(item -> item(form, item, answers))
        .filter(item -> item.hasAnswer() || item.hasItem())
        .toList();
  }

  private static QuestionnaireResponseItemComponent item(QuestionnaireForm form, QuestionnaireItemComponent question,
      Answers answers) {
    QuestionnaireResponseItemComponent item = new QuestionnaireResponseItemComponent()
        .setLinkId(question.getLinkId()).setText(question.getText());
    for (Type answer : answers.get(question.getLinkId())) {
      item.addAnswer().setValue(answer.copy());
    }
    item.setItem(items(form, question.getItem(), answers));
    return item;
  }

  /** The answers held by a response, by linkId, e.g. to edit the latest preparation notes. */
  public static Answers fromResponse(QuestionnaireResponse response) {
    Answers answers = Answers.none();
    return collect(response.getItem(), answers);
  }

  private static Answers collect(List<QuestionnaireResponseItemComponent> items, Answers answers) {
    Answers collected = answers;
    for (QuestionnaireResponseItemComponent item : items) {
      List<Type> values = item.getAnswer().stream().map(a -> a.getValue()).filter(v -> v != null)
          .map(v -> (Type) v).toList();
      if (!values.isEmpty()) {
        collected = collected.with(item.getLinkId(), values);
      }
      collected = collect(item.getItem(), collected);
    }
    return collected;
  }
}
