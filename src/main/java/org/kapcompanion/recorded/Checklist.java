package org.kapcompanion.recorded;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Type;
import org.kapcompanion.vocabulary.ItemId;

/**
 * A checklist (QuestionnaireResponse) recorded in the session, with the first answer of each item.
 *
 * @param entryId its entry identifier
 * @param questionnaire the canonical URL of its Questionnaire, without version
 * @param authored when it was written
 * @param status its status as shown, e.g. "Completed"
 * @param answers the first answer of each answered item, by {@code linkId}
 */
public record Checklist(String entryId, String questionnaire, Instant authored, String status,
    Map<String, Type> answers) {

  /** The answer to {@code item}, when given. */
  public Optional<Type> answer(ItemId item) {
    return Optional.ofNullable(answers.get(item.linkId()));
  }

  /** The answer to {@code item} as a whole number, when it is one. */
  public Optional<Integer> integer(ItemId item) {
    return answer(item).filter(org.hl7.fhir.r4.model.IntegerType.class::isInstance)
        .map(v -> ((org.hl7.fhir.r4.model.IntegerType) v).getValue());
  }
}
