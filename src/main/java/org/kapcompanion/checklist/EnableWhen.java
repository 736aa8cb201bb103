package org.kapcompanion.checklist;

import java.util.List;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Questionnaire.EnableWhenBehavior;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemEnableWhenComponent;
import org.hl7.fhir.r4.model.Type;

/**
 * Decides whether an item is shown and asked, from its {@code enableWhen} conditions and those of the groups that
 * contain it (FHIR R4 Questionnaire.item.enableWhen, operators {@code exists}, {@code =} and {@code !=}).
 */
final class EnableWhen {

  private EnableWhen() {}

  static boolean isEnabled(QuestionnaireForm form, QuestionnaireItemComponent item, Answers answers) {
    if (!ownConditionsHold(item, answers)) {
      return false;
    }
    return form.parent(item.getLinkId()).map(parent -> isEnabled(form, parent, answers)).orElse(true);
  }

  private static boolean ownConditionsHold(QuestionnaireItemComponent item, Answers answers) {
    List<QuestionnaireItemEnableWhenComponent> conditions = item.getEnableWhen();
    if (conditions.isEmpty()) {
      return true;
    }
    boolean any = item.getEnableBehavior() == EnableWhenBehavior.ANY;
    return any ? conditions.stream().anyMatch(c -> holds(c, answers))
        : conditions.stream().allMatch(c -> holds(c, answers));
  }

  private static boolean holds(QuestionnaireItemEnableWhenComponent condition, Answers answers) {
    List<Type> given = answers.get(condition.getQuestion());
    switch (condition.getOperator()) {
      case EXISTS:
        return condition.getAnswerBooleanType().booleanValue() != given.isEmpty();
      case EQUAL:
        return given.stream().anyMatch(answer -> same(answer, condition.getAnswer()));
      case NOT_EQUAL:
        return !given.isEmpty() && given.stream().noneMatch(answer -> same(answer, condition.getAnswer()));
      default:
        return false;
    }
  }

  static boolean same(Type answer, Type expected) {
    if (answer instanceof Coding coding && expected instanceof Coding wanted) {
      return coding.getCode() != null && coding.getCode().equals(wanted.getCode())
          && (!wanted.hasSystem() || wanted.getSystem().equals(coding.getSystem()));
    }
    return answer.primitiveValue() != null && answer.primitiveValue().equals(expected.primitiveValue());
  }
}
