package org.kapcompanion.forms;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.Type;
import org.kapcompanion.record.Absence;

/**
 * A form as the page shows it: each item with its current answer, whether it is asked, whether it came from the
 * record, and what is wrong with it. Built from the Questionnaire, so the page needs no per-item HTML.
 *
 * @param fields the top-level fields, groups holding their children
 * @param missing what still blocks, in form order
 */
public record FormView(List<Field> fields, List<FormReview.Missing> missing) {

  /**
   * One item of the form.
   *
   * @param linkId the item's linkId, also the form field's name
   * @param text the question
   * @param kind {@code group}, {@code display}, {@code boolean}, {@code choice}, {@code integer}, {@code decimal},
   *     {@code string}, {@code text} or {@code dateTime}
   * @param required whether an answer is needed
   * @param asked whether its enableWhen conditions hold
   * @param readOnly whether the app fills it (from the record or the clinic protocol) and the clinician only reviews it
   * @param fromRecord whether its answer was taken from the record
   * @param values the current answers as form values ({@code true}/{@code false}, {@code system|code}, text)
   * @param options the choices of a choice item
   * @param unit the unit shown after a number
   * @param problem why the submitted value was not accepted
   * @param children the items of a group
   * @param enableWhen its own enableWhen conditions for the page's script (see {@link EnableWhen#forPage}), empty when
   *     it has none; such a field is updated by the page as soon as other answers change
   * @param absence what it says instead of a value the record should have given but did not (could not be read, or
   *     none recorded in the EHR, or not recent enough)
   * @param takenAt when the reading its answer was taken from the record was made, as shown ("09:12")
   */
  public record Field(String linkId, String text, String kind, boolean required, boolean asked, boolean readOnly,
      boolean fromRecord, List<String> values, List<Option> options, Optional<String> unit, Optional<String> problem,
      List<Field> children, String enableWhen, Optional<Absence> absence, Optional<String> takenAt) {

    /** What the "from the record" mark says, with the reading's time when known. */
    public String recordTag() {
      return takenAt.map(at -> "from the record, taken " + at).orElse("from the record");
    }

    /** Whether it has enableWhen conditions, so the page updates it when other answers change. */
    public boolean conditional() {
      return !enableWhen.isEmpty();
    }

    public String value() {
      return values.isEmpty() ? "" : values.get(0);
    }

    public boolean isAnswered(String value) {
      return values.contains(value);
    }

    /** The answers as the clinician reads them: a choice by its display, anything else as entered. */
    public List<String> displayValues() {
      return values.stream().map(value -> options.stream().filter(o -> o.value().equals(value)).findFirst()
          .map(Option::display).orElse(value)).toList();
    }
  }

  /** The fields whose visibility depends on other answers, outermost first, to update after a change. */
  public List<Field> conditionalFields() {
    List<Field> conditional = new ArrayList<>();
    walkOutsideConditions(fields, conditional, new ArrayList<>());
    return conditional;
  }

  /**
   * The fields the clinician answers that a page update does not replace as a whole (none inside a conditional
   * question), in form order: an update replaces only their problem notes, so a refusal is marked at its field.
   */
  public List<Field> answerFieldsOutsideConditions() {
    List<Field> answered = new ArrayList<>();
    walkOutsideConditions(fields, new ArrayList<>(), answered);
    return answered;
  }

  /**
   * Walks {@code fields} in form order without entering a conditional question: each conditional one goes to
   * {@code conditional}, each answerable one outside them to {@code answered}.
   */
  private static void walkOutsideConditions(List<Field> fields, List<Field> conditional, List<Field> answered) {
    for (Field field : fields) {
      if (field.conditional()) {
        conditional.add(field);
        continue;
      }
      if (!field.kind().equals("group") && !field.kind().equals("display") && !field.readOnly()) {
        answered.add(field);
      }
      walkOutsideConditions(field.children(), conditional, answered);
    }
  }

  /** A choice: its form value ({@code system|code}) and what the clinician reads. */
  public record Option(String value, String display) {}

  /** Builds the view of a form with its answers and what still blocks it. */
  public static FormView of(QuestionnaireForm form, Answers answers, Set<String> fromRecord, Set<String> computed,
      Refusals refused, List<FormReview.Missing> blockers) {
    return of(form, answers, new RecordContext(fromRecord, Map.of(), Map.of()), computed, refused, blockers);
  }

  /**
   * What the record gave the form: the items whose answer came from it, what the items it should have filled but
   * did not say instead, and when the readings behind answers were taken (as shown, by linkId).
   */
  public record RecordContext(Set<String> fromRecord, Map<String, Absence> absent, Map<String, String> takenAt) {}

  /**
   * Builds the view of a form with its answers, what the record gave it, and what still blocks it; a refused value is
   * shown as typed, with its reason, and what blocks says it was refused.
   */
  public static FormView of(QuestionnaireForm form, Answers answers, RecordContext record, Set<String> computed,
      Refusals refused, List<FormReview.Missing> blockers) {
    List<Field> fields = form.topLevelItems().stream()
        .map(item -> field(form, item, answers, record, computed, refused)).toList();
    return new FormView(fields, refused.explain(form, blockers));
  }

  private static Field field(QuestionnaireForm form, QuestionnaireItemComponent item, Answers answers,
      RecordContext record, Set<String> computed, Refusals refused) {
    String linkId = item.getLinkId();
    Set<String> fromRecord = record.fromRecord();
    Map<String, String> problems = refused.reasons();
    List<String> values = refused.typed().containsKey(linkId) && !answers.has(linkId)
        ? List.of(refused.typed().get(linkId)) : answers.get(linkId).stream().map(FormView::formValue).toList();
    List<Field> children = item.getItem().stream()
        .map(child -> field(form, child, answers, record, computed, refused)).toList();
    List<Option> options = form.options(item).stream()
        .map(o -> new Option(o.getSystem() + "|" + o.getCode(), o.hasDisplay() ? o.getDisplay() : o.getCode()))
        .toList();
    return new Field(linkId, item.getText(), item.getType().toCode(), item.getRequired(),
        EnableWhen.isEnabled(form, item, answers), item.getReadOnly() || computed.contains(linkId),
        fromRecord.contains(linkId), values, options, form.unit(item), Optional.ofNullable(problems.get(linkId)),
        children, item.hasEnableWhen() ? EnableWhen.forPage(item) : "",
        answers.has(linkId) ? Optional.empty() : Optional.ofNullable(record.absent().get(linkId)),
        fromRecord.contains(linkId) ? Optional.ofNullable(record.takenAt().get(linkId)) : Optional.empty());
  }

  private static String formValue(Type answer) {
    if (answer instanceof Coding coding) {
      return coding.getSystem() + "|" + coding.getCode();
    }
    if (answer instanceof DateTimeType dateTime && dateTime.getValue() != null) {
      return dateTime.getValueAsString().substring(0, Math.min(16, dateTime.getValueAsString().length()));
    }
    return answer.primitiveValue();
  }
}
