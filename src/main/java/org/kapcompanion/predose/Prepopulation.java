package org.kapcompanion.predose;

import org.kapcompanion.forms.Answers;
import org.kapcompanion.forms.QuestionnaireForm;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.fhirpath.IFhirPath;
import ca.uhn.fhir.fhirpath.IFhirPathEvaluationContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Expression;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.kapcompanion.session.ActiveSession;
import org.kapcompanion.session.EhrClients;
import org.kapcompanion.record.Absence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pre-fills a form from the record the SDC way: the Questionnaire's {@code variable} x-fhir-queries are run against
 * the EHR in parallel (embedded {@code {{%patient.id}}} and {@code {{today()}}} are filled in), then each item's
 * {@code initialExpression} (FHIRPath over those variables) gives its answer.
 * A query or expression that fails leaves its items for the clinician to answer, marked "could not be read".
 */
final class Prepopulation {

  static final String VARIABLE = "http://hl7.org/fhir/StructureDefinition/variable";
  static final String INITIAL_EXPRESSION =
      "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-initialExpression";
  private static final Logger LOG = LoggerFactory.getLogger(Prepopulation.class);

  private final FhirContext fhir;
  private final ExecutorService reads;
  private final Clock clock;
  private final Function<CodeableConcept, String> conceptText;

  /** @param conceptText how a coded value (e.g. a medication) is written into a text answer */
  Prepopulation(FhirContext fhir, ExecutorService reads, Clock clock, Function<CodeableConcept, String> conceptText) {
    this.fhir = fhir;
    this.reads = reads;
    this.clock = clock;
    this.conceptText = conceptText;
  }

  /**
   * Answers taken from the record, which questions they fill (so the page can mark them "from the record"), and what
   * each question the record should fill but did not says instead: "could not be read" when its query failed or its
   * expression could not be evaluated, "none recorded in the EHR" when the record holds nothing for it; and when the
   * reading each answer came from was taken (the time of the first Observation of the variable it reads).
   */
  record Prefilled(Answers answers, Set<String> linkIds, Map<String, Absence> absent, Map<String, Instant> takenAt) {}

  /** Starts the form's queries for the launch's patient, with the session's client. */
  CompletableFuture<Prefilled> prefill(QuestionnaireForm form, ActiveSession active) {
    return prefill(form, EhrClients.forSession(fhir, active), active.session().context().patientId().orElseThrow());
  }

  /**
   * Starts the form's queries in parallel; the answers are computed when the last one returns, so no thread waits
   * for them but the caller's.
   */
  CompletableFuture<Prefilled> prefill(QuestionnaireForm form, IGenericClient client, String patientId) {
    Map<String, CompletableFuture<Optional<Bundle>>> pending = startQueries(form, client, patientId);
    return CompletableFuture.allOf(pending.values().toArray(CompletableFuture[]::new)).thenApply(done -> {
      Map<String, Bundle> results = new HashMap<>();
      Set<String> failed = new LinkedHashSet<>();
      pending.forEach((name, future) -> future.join().ifPresentOrElse(bundle -> results.put(name, bundle),
          () -> failed.add(name)));
      return answers(form, results, failed);
    });
  }

  private Prefilled answers(QuestionnaireForm form, Map<String, Bundle> results, Set<String> failedQueries) {
    IFhirPath fhirPath = fhirPathOver(results);
    Map<String, List<Type>> answers = new LinkedHashMap<>();
    Map<String, Absence> absent = new LinkedHashMap<>();
    Map<String, Instant> takenAt = new LinkedHashMap<>();
    for (QuestionnaireItemComponent item : form.questions()) {
      Optional<String> expression = initialExpression(item);
      if (expression.isEmpty()) {
        continue;
      }
      boolean unread = failedQueries.stream().anyMatch(name -> expression.get().contains("%" + name + "."));
      Optional<List<Type>> values = unread ? Optional.empty() : evaluate(fhirPath, item, expression.get());
      if (values.isPresent() && !values.get().isEmpty()) {
        answers.put(item.getLinkId(), values.get());
        readingTime(results, expression.get()).ifPresent(at -> takenAt.put(item.getLinkId(), at));
      } else {
        absent.put(item.getLinkId(), Absence.ofValue(values.isEmpty()));
      }
    }
    return new Prefilled(Answers.of(answers), new LinkedHashSet<>(answers.keySet()), Map.copyOf(absent),
        Map.copyOf(takenAt));
  }

  /** When the Observation an expression reads was taken: the first Observation of the first variable it names. */
  private static Optional<Instant> readingTime(Map<String, Bundle> results, String expression) {
    return results.entrySet().stream().filter(variable -> expression.contains("%" + variable.getKey() + "."))
        .flatMap(variable -> variable.getValue().getEntry().stream().limit(1))
        .map(Bundle.BundleEntryComponent::getResource).filter(Observation.class::isInstance)
        .map(Observation.class::cast).filter(Observation::hasEffectiveDateTimeType)
        .map(o -> o.getEffectiveDateTimeType().getValue()).filter(java.util.Objects::nonNull)
        .map(Date::toInstant).findFirst();
  }

  private Map<String, CompletableFuture<Optional<Bundle>>> startQueries(QuestionnaireForm form, IGenericClient client,
      String patientId) {
    Map<String, CompletableFuture<Optional<Bundle>>> pending = new LinkedHashMap<>();
    for (Extension extension : form.questionnaire().getExtensionsByUrl(VARIABLE)) {
      if (extension.getValue() instanceof Expression expression
          && "application/x-fhir-query".equals(expression.getLanguage())) {
        String query = expression.getExpression().replace("{{%patient.id}}", patientId)
            .replace("{{today()}}", LocalDate.now(clock).toString());
        if (!query.contains("{{")) {
          pending.put(expression.getName(), CompletableFuture.supplyAsync(() -> search(client, query), reads));
        }
      }
    }
    return pending;
  }

  /** The query's bundle, or empty when it failed (its items then say "could not be read", never "none"). */
  private static Optional<Bundle> search(IGenericClient client, String query) {
    try {
      return Optional.of(client.search().byUrl(query).returnBundle(Bundle.class).execute());
    } catch (RuntimeException e) {
      LOG.warn("pre-population query failed: {}", e.getClass().getName());
      return Optional.empty();
    }
  }

  private static Optional<String> initialExpression(QuestionnaireItemComponent item) {
    Extension extension = item.getExtensionByUrl(INITIAL_EXPRESSION);
    return extension != null && extension.getValue() instanceof Expression expression
        ? Optional.ofNullable(expression.getExpression()) : Optional.empty();
  }

  /** A FHIRPath engine that resolves {@code %name} to the bundle the variable {@code name} returned. */
  private IFhirPath fhirPathOver(Map<String, Bundle> variables) {
    IFhirPath fhirPath = fhir.newFhirPath();
    fhirPath.setEvaluationContext(new IFhirPathEvaluationContext() {
      @Override
      public List<IBase> resolveConstant(Object appContext, String name, ConstantEvaluationMode mode) {
        Bundle bundle = variables.get(name.startsWith("%") ? name.substring(1) : name);
        return bundle == null ? null : List.of(bundle);
      }
    });
    return fhirPath;
  }

  /** The item's answers from its expression (every value for a repeating item, else the first); empty if it failed. */
  private Optional<List<Type>> evaluate(IFhirPath fhirPath, QuestionnaireItemComponent item, String expression) {
    try {
      List<Base> values = fhirPath.evaluate(new Parameters(), expression, Base.class);
      List<Base> used = item.getRepeats() ? values : values.stream().limit(1).toList();
      return Optional.of(used.stream().flatMap(value -> answer(item, value).stream()).toList());
    } catch (RuntimeException e) {
      LOG.warn("initialExpression of {} failed: {}", item.getLinkId(), e.getClass().getName());
      return Optional.empty();
    }
  }

  /** A value converted to the item's answer type, when it converts; a coded value into text as the page writes it. */
  private Optional<Type> answer(QuestionnaireItemComponent item, Base value) {
    switch (item.getType()) {
      case INTEGER:
        if (value instanceof Quantity quantity && quantity.hasValue()) {
          return Optional.of(new IntegerType(quantity.getValue().intValue()));
        }
        return value.isPrimitive() ? parseInteger(value.primitiveValue()) : Optional.empty();
      case STRING:
      case TEXT:
        if (value instanceof CodeableConcept concept) {
          return Optional.of(new StringType(conceptText.apply(concept)));
        }
        return value.isPrimitive() ? Optional.of(new StringType(value.primitiveValue())) : Optional.empty();
      case BOOLEAN:
        return value.isPrimitive() ? Optional.of(new BooleanType(Boolean.parseBoolean(value.primitiveValue())))
            : Optional.empty();
      case CHOICE:
        return value instanceof Coding coding ? Optional.of(coding.copy()) : Optional.empty();
      case DATETIME:
        return value instanceof DateTimeType dateTime && dateTime.getValue() != null ? Optional.of(dateTime.copy())
            : Optional.empty();
      default:
        return Optional.empty();
    }
  }

  private static Optional<Type> parseInteger(String text) {
    try {
      return Optional.of(new IntegerType((int) Math.round(Double.parseDouble(text))));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
