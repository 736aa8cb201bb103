package org.kapcompanion.forms;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Questionnaire.EnableWhenBehavior;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemEnableWhenComponent;
import org.hl7.fhir.r4.model.Type;

/**
 * Decides whether an item is shown and asked, from its {@code enableWhen} conditions and those of the groups that
 * contain it (FHIR R4 Questionnaire.item.enableWhen, operators {@code exists}, {@code =} and {@code !=}); also
 * hands an item's own conditions to the page, whose script shows and enables the item as soon as they hold.
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

  /**
   * An item's own conditions as the page's script reads them: {@code {"any": bool, "when": [{"question", "operator",
   * "answer"}]}}, the answer as the form sends it ({@code true}, {@code system|code}, or {@code |code} for a code
   * without a system, matched by its end).
   */
  static String forPage(QuestionnaireItemComponent item) {
    JsonArray when = new JsonArray();
    for (QuestionnaireItemEnableWhenComponent condition : item.getEnableWhen()) {
      JsonObject one = new JsonObject();
      one.addProperty("question", condition.getQuestion());
      one.addProperty("operator", condition.getOperator().toCode());
      Type answer = condition.getAnswer();
      one.addProperty("answer", answer instanceof Coding coding
          ? (coding.hasSystem() ? coding.getSystem() : "") + "|" + coding.getCode() : answer.primitiveValue());
      when.add(one);
    }
    JsonObject conditions = new JsonObject();
    conditions.addProperty("any", item.getEnableBehavior() == EnableWhenBehavior.ANY);
    conditions.add("when", when);
    return conditions.toString();
  }

  static boolean same(Type answer, Type expected) {
    if (answer instanceof Coding coding && expected instanceof Coding wanted) {
      return coding.getCode() != null && coding.getCode().equals(wanted.getCode())
          && (!wanted.hasSystem() || wanted.getSystem().equals(coding.getSystem()));
    }
    return answer.primitiveValue() != null && answer.primitiveValue().equals(expected.primitiveValue());
  }
}
