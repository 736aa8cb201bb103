package org.kapcompanion.course;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.kapcompanion.config.CourseRules;

/**
 * Reads the course's treatment consent from the patient's {@code Consent} resources (profile {@code kap-consent}):
 * the latest active one of scope treatment, judged against the clinic's renewal period. Pure.
 */
final class ConsentMapping {

  static final String SCOPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/consentscope";
  static final String TREATMENT = "treatment";
  static final String WITNESS = "http://hl7.org/fhir/StructureDefinition/consent-Witness";
  static final String PROVISIONS = "http://kapcompanion.org/fhir/CodeSystem/kap-consent-provision";
  static final String TOUCH = "therapeutic-touch";
  static final String RECORDING = "session-recording";

  private ConsentMapping() {}

  static CourseConsent of(List<Resource> resources, CourseRules.Consent rules, LocalDate today, ZoneId zone) {
    List<Consent> treatment = resources.stream().filter(Consent.class::isInstance).map(Consent.class::cast)
        .filter(c -> c.getScope().getCoding().stream()
            .anyMatch(code -> SCOPE_SYSTEM.equals(code.getSystem()) && TREATMENT.equals(code.getCode())))
        .filter(c -> c.getStatus() != Consent.ConsentState.ENTEREDINERROR
            && c.getStatus() != Consent.ConsentState.DRAFT && c.getStatus() != Consent.ConsentState.PROPOSED)
        .toList();
    Optional<Consent> latest = treatment.stream().max(Comparator.comparing(c -> signed(c, zone)
        .orElse(LocalDate.MIN)));
    if (latest.isEmpty()) {
      return CourseConsent.NONE_RECORDED;
    }
    Consent consent = latest.get();
    Optional<LocalDate> signed = signed(consent, zone);
    Optional<LocalDate> renewBy = signed.map(day -> day.plusDays(rules.renewAfterDays()));
    boolean active = consent.getStatus() == Consent.ConsentState.ACTIVE;
    boolean valid = active && renewBy.filter(today::isBefore).isPresent();
    return new CourseConsent(valid ? CourseConsent.State.VALID : CourseConsent.State.EXPIRED, signed, renewBy,
        formVersion(consent), witness(consent), permission(consent, TOUCH), permission(consent, RECORDING), active);
  }

  private static Optional<LocalDate> signed(Consent consent, ZoneId zone) {
    return consent.hasDateTime() ? Optional.of(consent.getDateTime().toInstant().atZone(zone).toLocalDate())
        : Optional.empty();
  }

  /** The version after "|" in the policy's form URL (a canonical reference, {@code url|version}). */
  private static String formVersion(Consent consent) {
    return consent.getPolicy().stream().filter(p -> p.hasUri() && p.getUri().contains("|"))
        .map(p -> p.getUri().substring(p.getUri().lastIndexOf('|') + 1)).findFirst().orElse("");
  }

  private static String witness(Consent consent) {
    Extension extension = consent.getExtensionByUrl(WITNESS);
    if (extension == null || !(extension.getValue() instanceof Reference who)) {
      return "";
    }
    return who.hasDisplay() ? who.getDisplay() : String.valueOf(who.getReference());
  }

  /** Whether the consent's nested provision for {@code code} permits it, when it has one. */
  private static Optional<Boolean> permission(Consent consent, String code) {
    return consent.getProvision().getProvision().stream()
        .filter(p -> p.getCode().stream().flatMap(c -> c.getCoding().stream())
            .anyMatch(c -> PROVISIONS.equals(c.getSystem()) && code.equals(c.getCode())))
        .findFirst().map(p -> p.getType() == Consent.ConsentProvisionType.PERMIT);
  }
}
