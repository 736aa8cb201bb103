package org.kapcompanion.writeback;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.util.FhirTerser;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.Bundle;
import org.kapcompanion.store.SecretBox;

/**
 * The form an entry takes in the outbox: its resources as one FHIR JSON Bundle, encrypted. An entry is stored only
 * when that form reads back as exactly the same resources, and reading a stored form never throws: what cannot be
 * decrypted, parsed or mapped is reported as unreadable, by error type only.
 */
final class StoredForm {

  /**
   * The C0 control characters FHIR strings must not hold (all but tab, line feed and carriage return; R4 §2.24.0.1
   * "string"), nor XML 1.0 text. JSON carries them, but an XHTML narrative holding one cannot be parsed back
   * (HAPI-1755), and XML-based EHRs refuse them.
   */
  private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]");

  private final FhirContext fhir;
  private final SecretBox box;

  StoredForm(FhirContext fhir, SecretBox box) {
    this.fhir = fhir;
    this.box = box;
  }

  /** What reading a stored entry came to. */
  sealed interface Opened {}

  /** The entry as it was stored. */
  record Readable(EntryResources resources) implements Opened {}

  /** The stored entry cannot be read; {@code cause} is the error type, never its message (which can quote PHI). */
  record Unreadable(String cause) implements Opened {}

  /**
   * The encrypted stored form of {@code resources}, or empty when a value holds a control character or the form
   * would not read back as the same resources (e.g. a value the parser would drop).
   */
  Optional<String> seal(EntryResources resources) {
    Bundle bundle = resources.toBundle();
    if (hasControlCharacter(bundle)) {
      return Optional.empty();
    }
    String json = encode(bundle);
    try {
      Bundle back = fhir.newJsonParser().parseResource(Bundle.class, json);
      return json.equals(encode(back)) ? Optional.of(box.seal(json)) : Optional.empty();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Decrypts, parses and maps a stored entry, whatever is wrong with it. */
  Opened open(String entryId, String sealed) {
    try {
      Bundle bundle = fhir.newJsonParser().parseResource(Bundle.class, box.open(sealed));
      return new Readable(EntryResources.fromBundle(entryId, bundle));
    } catch (RuntimeException e) {
      return new Unreadable(e.getClass().getSimpleName());
    }
  }

  /** What the user is told when {@link #seal} refused their entry: what to change where it can be said. */
  ValidationProblem unstorable(EntryResources resources) {
    boolean control = hasControlCharacter(resources.toBundle());
    String message = control
        ? "The entry holds an invisible control character (often from pasted text) that cannot be saved: retype the "
            + "text without it and save again."
        : "KAP Companion could not store this entry in a form it can read back, so it was not saved: tell IT.";
    return new ValidationProblem(ValidationProblem.Severity.ERROR, resources.target().fhirType(), message,
        control ? "control character" : "stored form does not read back");
  }

  /**
   * Whether any value of the bundle's resources, narratives included, holds a control character FHIR does not allow
   * (the terser does not descend from a Bundle into its resources, so each is searched).
   */
  private boolean hasControlCharacter(Bundle bundle) {
    FhirTerser terser = fhir.newTerser();
    return Stream.concat(Stream.of(bundle), bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource))
        .filter(Objects::nonNull)
        .flatMap(resource -> terser.getAllPopulatedChildElementsOfType(resource, IPrimitiveType.class).stream())
        .map(IPrimitiveType::getValueAsString)
        .anyMatch(value -> value != null && CONTROL.matcher(value).find());
  }

  private String encode(Bundle bundle) {
    return fhir.newJsonParser().encodeResourceToString(bundle);
  }
}
