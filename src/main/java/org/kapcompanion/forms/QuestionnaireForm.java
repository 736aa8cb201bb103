package org.kapcompanion.forms;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemType;

/**
 * A shipped Questionnaire as a form: its items by linkId, their answer options (inline or from a ValueSet of the
 * conformance package), units and bounds. The clinic changes a checklist by editing the Questionnaire, not code.
 */
public final class QuestionnaireForm {

  static final String UNIT = "http://hl7.org/fhir/StructureDefinition/questionnaire-unit";
  static final String MIN_VALUE = "http://hl7.org/fhir/StructureDefinition/minValue";
  static final String MAX_VALUE = "http://hl7.org/fhir/StructureDefinition/maxValue";

  private final Questionnaire questionnaire;
  private final Map<String, QuestionnaireItemComponent> items = new LinkedHashMap<>();
  private final Map<String, QuestionnaireItemComponent> parents = new LinkedHashMap<>();
  private final Function<String, List<Coding>> valueSets;

  /**
   * @param valueSets the codes of a ValueSet by canonical URL, for {@code answerValueSet}
   */
  public QuestionnaireForm(Questionnaire questionnaire, Function<String, List<Coding>> valueSets) {
    this.questionnaire = questionnaire;
    this.valueSets = valueSets;
    index(questionnaire.getItem(), null);
  }

  private void index(List<QuestionnaireItemComponent> children, QuestionnaireItemComponent parent) {
    for (QuestionnaireItemComponent item : children) {
      items.put(item.getLinkId(), item);
      if (parent != null) {
        parents.put(item.getLinkId(), parent);
      }
      index(item.getItem(), item);
    }
  }

  public Questionnaire questionnaire() {
    return questionnaire;
  }

  public String canonical() {
    return questionnaire.getUrl();
  }

  public List<QuestionnaireItemComponent> topLevelItems() {
    return questionnaire.getItem();
  }

  public Optional<QuestionnaireItemComponent> item(String linkId) {
    return Optional.ofNullable(items.get(linkId));
  }

  Optional<QuestionnaireItemComponent> parent(String linkId) {
    return Optional.ofNullable(parents.get(linkId));
  }

  /** Every item that takes an answer (not groups or display text), in form order. */
  public List<QuestionnaireItemComponent> questions() {
    return items.values().stream().filter(QuestionnaireForm::isQuestion).toList();
  }

  static boolean isQuestion(QuestionnaireItemComponent item) {
    return item.getType() != QuestionnaireItemType.GROUP && item.getType() != QuestionnaireItemType.DISPLAY;
  }

  /** The choices of a choice item, from its answerOption or its answerValueSet. */
  List<Coding> options(QuestionnaireItemComponent item) {
    if (item.hasAnswerOption()) {
      List<Coding> options = new ArrayList<>();
      item.getAnswerOption().stream().filter(o -> o.hasValueCoding()).forEach(o -> options.add(o.getValueCoding()));
      return options;
    }
    return item.hasAnswerValueSet() ? valueSets.apply(item.getAnswerValueSet()) : List.of();
  }

  Optional<String> unit(QuestionnaireItemComponent item) {
    Extension unit = item.getExtensionByUrl(UNIT);
    if (unit == null || !(unit.getValue() instanceof Coding coding)) {
      return Optional.empty();
    }
    return Optional.ofNullable(coding.hasDisplay() ? coding.getDisplay() : coding.getCode());
  }

  Optional<Integer> minValue(QuestionnaireItemComponent item) {
    return integerExtension(item, MIN_VALUE);
  }

  Optional<Integer> maxValue(QuestionnaireItemComponent item) {
    return integerExtension(item, MAX_VALUE);
  }

  private static Optional<Integer> integerExtension(QuestionnaireItemComponent item, String url) {
    Extension extension = item.getExtensionByUrl(url);
    return extension != null && extension.getValue() instanceof IntegerType value
        ? Optional.of(value.getValue()) : Optional.empty();
  }
}
