package org.kapcompanion.forms;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.ValueSet;
import org.kapcompanion.vocabulary.KapUrls;
import org.kapcompanion.writeback.ConformancePackage;

/** The shipped Questionnaires as forms, with their answer options resolved from the package's ValueSets. */
public final class FormCatalog {

  public static final String PREPARATION = KapUrls.PREPARATION_FORM;
  public static final String PREDOSE_CHECKLIST = KapUrls.PREDOSE_CHECKLIST;
  public static final String DISCHARGE_CHECKLIST = KapUrls.DISCHARGE_CHECKLIST;

  private final ConformancePackage conformancePackage;
  private final Map<String, List<Coding>> valueSets = new HashMap<>();

  public FormCatalog(ConformancePackage conformancePackage) {
    this.conformancePackage = conformancePackage;
    Map<String, CodeSystem> codeSystems = new HashMap<>();
    conformancePackage.conformanceResources().stream()
        .filter(CodeSystem.class::isInstance).map(CodeSystem.class::cast)
        .forEach(codeSystem -> codeSystems.put(codeSystem.getUrl(), codeSystem));
    conformancePackage.conformanceResources().stream()
        .filter(ValueSet.class::isInstance).map(ValueSet.class::cast)
        .forEach(valueSet -> valueSets.put(valueSet.getUrl(), codes(valueSet, codeSystems)));
  }

  /** The linkIds of the free-text items of the forms the app shows, whose answers may hold line breaks and tabs. */
  public Set<String> multiLineFields() {
    return Stream.of(PREPARATION, PREDOSE_CHECKLIST, DISCHARGE_CHECKLIST).map(this::form).flatMap(Optional::stream)
        .flatMap(form -> form.questions().stream())
        .filter(item -> item.getType() == Questionnaire.QuestionnaireItemType.TEXT)
        .map(Questionnaire.QuestionnaireItemComponent::getLinkId).collect(Collectors.toUnmodifiableSet());
  }

  public Optional<QuestionnaireForm> form(String canonical) {
    return conformancePackage.questionnaire(canonical)
        .map(questionnaire -> new QuestionnaireForm(questionnaire, url -> valueSets.getOrDefault(url, List.of())));
  }

  /** One of the app's own forms ({@link #PREPARATION} and the checklists): the build that lacks it is broken. */
  public QuestionnaireForm shipped(String canonical) {
    return form(canonical).orElseThrow(() -> new IllegalStateException(
        "the conformance package in fhir-profiles has no Questionnaire " + canonical));
  }

  /** The codes a ValueSet lists, or all codes of a package CodeSystem it includes whole. */
  private static List<Coding> codes(ValueSet valueSet, Map<String, CodeSystem> codeSystems) {
    List<Coding> codes = new ArrayList<>();
    for (ValueSet.ConceptSetComponent include : valueSet.getCompose().getInclude()) {
      if (include.hasConcept()) {
        include.getConcept().forEach(c -> codes.add(new Coding(include.getSystem(), c.getCode(), c.getDisplay())));
      } else if (!include.hasFilter() && codeSystems.containsKey(include.getSystem())) {
        addAll(include.getSystem(), codeSystems.get(include.getSystem()).getConcept(), codes);
      }
    }
    return codes;
  }

  private static void addAll(String system, List<CodeSystem.ConceptDefinitionComponent> concepts, List<Coding> codes) {
    for (CodeSystem.ConceptDefinitionComponent concept : concepts) {
      codes.add(new Coding(system, concept.getCode(), concept.getDisplay()));
      addAll(system, concept.getConcept(), codes);
    }
  }
}
