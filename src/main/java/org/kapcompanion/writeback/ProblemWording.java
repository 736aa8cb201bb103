package org.kapcompanion.writeback;

import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.kapcompanion.writeback.ValidationProblem.Severity;

/**
 * Turns the validator's messages into problems a clinician can act on ("Blood pressure: systolic value is missing"),
 * keeping the validator's own text as the technical detail and leaving out messages that only repeat another.
 */
final class ProblemWording {

  private static final Pattern ELEMENT_PREFIX = Pattern.compile("^([A-Za-z]+(?:\\.[A-Za-z\\[\\]]+)*): ");
  private static final Pattern SLICE = Pattern.compile("Slice '[^':]+:([A-Za-z]+)'");
  private static final Pattern MAX = Pattern.compile("max allowed = (\\d+), but found (\\d+)");
  private static final Pattern FIXED = Pattern.compile("Value is '([^']*)' but (?:is fixed to|must be) '([^']*)'");
  private static final Pattern VALUE_SET = Pattern.compile("value set '([^']+)'");
  private static final Pattern CODES = Pattern.compile("#([^,)\\s]+)");
  private static final Pattern CONSTRAINT = Pattern.compile("Constraint failed: ([^:]+): '(.*?)'(?: \\(defined in|$)");
  private static final Pattern LINK_ID = Pattern.compile("(?:required item|item id =) '([^']+)'");
  private static final Pattern ANSWER_TYPE = Pattern.compile("must be of the type (\\w+)");
  private static final Pattern ITEM_INDEX = Pattern.compile("item\\[(\\d+)]");
  private static final Pattern UNKNOWN_SYSTEM = Pattern.compile("(http://(?:loinc\\.org|snomed\\.info/sct|www\\.nlm\\.nih\\.gov/research/umls/rxnorm))[^#]*#([^'\\s]+)");
  private static final Pattern EXTENSION_TYPE =
      Pattern.compile("Extension '([^']+)' definition allows for the types \\[([^\\]]+)] but found type (\\w+)");
  private static final Pattern SOURCE_SUFFIX = Pattern.compile("\\s*\\((?:from|defined in) http[^)]*\\)");

  private static final String UNCHECKABLE_ANSWERS = "Questionnaire_QR_Q_NotFound";

  private static final Map<String, String> CORE_CONSTRAINTS =
      Map.of("vs-2", "value is missing", "vs-3", "value is missing");
  private static final Map<String, String> TYPE_WORDS =
      Map.of("boolean", "a yes/no answer", "integer", "a whole number", "decimal", "a number", "string", "text",
          "date", "a date", "dateTime", "a date and time", "Coding", "a choice from the list");
  private static final Map<String, String> CODE_SYSTEMS =
      Map.of("http://loinc.org", "LOINC", "http://snomed.info/sct", "SNOMED CT",
          "http://www.nlm.nih.gov/research/umls/rxnorm", "RxNorm");

  private final ConformancePackage conformancePackage;

  ProblemWording(ConformancePackage conformancePackage) {
    this.conformancePackage = conformancePackage;
  }

  /** The problems for these messages about {@code resource}, validated against {@code profileUrl}. */
  List<ValidationProblem> problems(IBaseResource resource, String profileUrl, List<SingleValidationMessage> messages) {
    String subject = subject(resource, profileUrl);
    return messages.stream()
        .filter(message -> !repeatsAnother(message, messages))
        .map(message -> new ValidationProblem(severityOf(message), message.getLocationString(),
            subject + ": " + describe(resource, message), message.getMessage()))
        .distinct()
        .toList();
  }

  ValidationProblem noProfile(IBaseResource resource) {
    return new ValidationProblem(Severity.ERROR, resource.fhirType(),
        "KAP Companion does not write this kind of record (" + resource.fhirType() + "), so it was not saved",
        "No KAP profile matches this " + resource.fhirType());
  }

  ValidationProblem unprocessable(IBaseResource resource, String profileUrl, RuntimeException e) {
    return new ValidationProblem(Severity.FATAL, resource.fhirType(),
        subject(resource, profileUrl) + ": could not be checked, so it was not saved", String.valueOf(e.getMessage()));
  }

  /**
   * The severity of a validator message in the app's terms. Answers to a Questionnaire the package does not ship
   * cannot be checked at all, which the validator only warns about: here that blocks the write.
   */
  private static Severity severityOf(SingleValidationMessage message) {
    if (UNCHECKABLE_ANSWERS.equals(message.getMessageId())) {
      return Severity.ERROR;
    }
    return switch (message.getSeverity()) {
      case FATAL -> Severity.FATAL;
      case ERROR -> Severity.ERROR;
      case WARNING -> Severity.WARNING;
      case INFORMATION -> Severity.INFORMATION;
    };
  }

  /**
   * A terminology message is left out when a more precise error covers the same element: an unknown unit is also
   * reported as "not in the value set" and as "not the fixed value"; only the last says what to do.
   */
  private static boolean repeatsAnother(SingleValidationMessage message, List<SingleValidationMessage> all) {
    String id = Objects.requireNonNullElse(message.getMessageId(), "");
    if (!id.startsWith("Terminology_") || message.getSeverity() != ResultSeverityEnum.ERROR) {
      return false;
    }
    String location = message.getLocationString();
    return all.stream()
        .filter(other -> other != message && other.getSeverity() == message.getSeverity())
        .anyMatch(other -> other.getLocationString().startsWith(location + ".")
            || (id.equals("Terminology_PassThrough_TX_Message") && other.getLocationString().equals(location)
                && !"Terminology_PassThrough_TX_Message".equals(other.getMessageId())));
  }

  private String subject(IBaseResource resource, String profileUrl) {
    if (resource instanceof QuestionnaireResponse response) {
      Optional<String> title = conformancePackage.questionnaire(response.getQuestionnaire()).map(Questionnaire::getTitle);
      if (title.isPresent()) {
        return title.get();
      }
    }
    return conformancePackage.profile(profileUrl).map(StructureDefinition::getTitle).orElse(resource.fhirType());
  }

  private String describe(IBaseResource resource, SingleValidationMessage message) {
    String id = Objects.requireNonNullElse(message.getMessageId(), "");
    String text = message.getMessage();
    if (resource instanceof QuestionnaireResponse response && (id.startsWith("Questionnaire_QR") || id.isEmpty())) {
      return describeAnswer(response, message);
    }
    if (id.contains("#")) {
      return describeConstraint(resource, message);
    }
    String element = resource instanceof QuestionnaireResponse response && message.getLocationString().contains("item[")
        ? question(response, message) + " answer"
        : ElementLabel.of(resource, elementPath(message));
    return switch (id) {
      case "Validation_VAL_Profile_Minimum", "Validation_VAL_Profile_Minimum_SLICE_EXT" -> element + " is missing";
      case "Validation_VAL_Profile_Maximum" -> tooMany(element, text);
      case "Extension_EXT_Type" -> wrongExtensionType(element, text);
      case "_DT_Fixed_Wrong", "Type_Specific_Checks_DT_Code_Pattern", "_DT_Pattern_Wrong" -> wrongValue(element, text);
      default -> id.startsWith("Terminology_") ? describeCode(element, text) : prefixed(element, stripped(text));
    };
  }

  /** The element a message is about: named at the start of cardinality messages, otherwise its location. */
  private static String elementPath(SingleValidationMessage message) {
    Matcher slice = SLICE.matcher(message.getMessage());
    if (slice.find()) {
      return message.getLocationString() + "." + "extension:" + slice.group(1);
    }
    Matcher named = ELEMENT_PREFIX.matcher(message.getMessage());
    return named.find() ? named.group(1) : message.getLocationString();
  }

  private static String tooMany(String element, String text) {
    Matcher m = MAX.matcher(text);
    return m.find() ? element + ": at most " + m.group(1) + " allowed, found " + m.group(2) : prefixed(element, stripped(text));
  }

  private String wrongExtensionType(String element, String text) {
    Matcher m = EXTENSION_TYPE.matcher(text);
    if (!m.find()) {
      return prefixed(element, stripped(text));
    }
    String extension = conformancePackage.profile(m.group(1))
        .map(definition -> definition.getTitle().toLowerCase(Locale.ROOT))
        .orElse(element);
    return extension + " must be " + typeWord(m.group(2)) + ", not " + typeWord(m.group(3));
  }

  private static String typeWord(String fhirType) {
    return TYPE_WORDS.getOrDefault(fhirType, fhirType);
  }

  private static String wrongValue(String element, String text) {
    Matcher m = FIXED.matcher(text);
    return m.find() ? element + " must be " + m.group(2) + ", not " + m.group(1) : prefixed(element, stripped(text));
  }

  private static String describeCode(String element, String text) {
    String what = element.isEmpty() ? "code" : element;
    if (text.contains("is unknown and can't be validated") || text.contains("cannot be checked")) {
      Matcher system = UNKNOWN_SYSTEM.matcher(text);
      return system.find()
          ? what + " " + system.group(2) + " could not be checked against " + CODE_SYSTEMS.get(system.group(1))
              + " (no terminology server)"
          : what + " could not be checked (no terminology server)";
    }
    Matcher valueSet = VALUE_SET.matcher(text);
    if (valueSet.find()) {
      Matcher code = CODES.matcher(text);
      String given = code.find() ? " " + code.group(1) : "";
      String verdict = text.contains("should come from") ? " is not in the expected list (" : " is not allowed here (allowed: ";
      return what + given + verdict + valueSet.group(1) + ")";
    }
    return prefixed(element, stripped(text));
  }

  private String describeConstraint(IBaseResource resource, SingleValidationMessage message) {
    Matcher m = CONSTRAINT.matcher(message.getMessage());
    if (!m.find()) {
      return stripped(message.getMessage());
    }
    String core = CORE_CONSTRAINTS.get(m.group(1));
    if (core != null) {
      return prefixed(ElementLabel.of(resource, message.getLocationString()), core).replace(": ", " ");
    }
    return sentenceCase(m.group(2));
  }

  private String describeAnswer(QuestionnaireResponse response, SingleValidationMessage message) {
    String text = message.getMessage();
    if (text.contains("could not be resolved")) {
      return "these answers are to a form KAP Companion does not have (" + response.getQuestionnaire() + ")";
    }
    String question = question(response, message);
    Matcher type = ANSWER_TYPE.matcher(text);
    if (type.find()) {
      return question + " needs " + typeWord(type.group(1));
    }
    if (text.contains("No response answer found for required item")) {
      return question + " needs an answer";
    }
    if (text.contains("not enabled")) {
      return question + " is answered but does not apply here, given the other answers";
    }
    return question + ": " + stripped(text);
  }

  /** The question a message is about, in the Questionnaire's words. */
  private String question(QuestionnaireResponse response, SingleValidationMessage message) {
    Matcher named = LINK_ID.matcher(message.getMessage());
    String linkId = named.find() ? named.group(1) : linkIdAt(response, message.getLocationString());
    return conformancePackage.questionnaire(response.getQuestionnaire())
        .flatMap(questionnaire -> itemText(questionnaire.getItem(), linkId))
        .map(questionText -> "\"" + questionText + "\"")
        .orElse(linkId.isEmpty() ? "an answer" : "\"" + linkId + "\"");
  }

  private static String linkIdAt(QuestionnaireResponse response, String location) {
    Matcher m = ITEM_INDEX.matcher(location);
    List<QuestionnaireResponse.QuestionnaireResponseItemComponent> items = response.getItem();
    String linkId = "";
    while (m.find()) {
      int index = Integer.parseInt(m.group(1));
      if (index >= items.size()) {
        break;
      }
      linkId = items.get(index).getLinkId();
      items = items.get(index).getItem();
    }
    return linkId;
  }

  private static Optional<String> itemText(List<Questionnaire.QuestionnaireItemComponent> items, String linkId) {
    for (Questionnaire.QuestionnaireItemComponent item : items) {
      if (item.getLinkId().equals(linkId)) {
        return Optional.ofNullable(item.getText());
      }
      Optional<String> nested = itemText(item.getItem(), linkId);
      if (nested.isPresent()) {
        return nested;
      }
    }
    return Optional.empty();
  }

  private static String prefixed(String element, String phrase) {
    return element.isEmpty() ? phrase : element + ": " + phrase;
  }

  private static String stripped(String validatorText) {
    return SOURCE_SUFFIX.matcher(validatorText).replaceAll("").trim();
  }

  /** "The score must..." reads as "the score must..." after a colon; an acronym keeps its capitals. */
  private static String sentenceCase(String human) {
    boolean acronym = human.length() > 1 && Character.isUpperCase(human.charAt(1));
    return acronym || human.isEmpty() ? human : Character.toLowerCase(human.charAt(0)) + human.substring(1);
  }
}
