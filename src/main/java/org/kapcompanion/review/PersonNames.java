package org.kapcompanion.review;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Resource;

/** The display names of the patients and practitioners in a search result, by reference ({@code Patient/…}). */
final class PersonNames {

  private final Map<String, String> names;

  private PersonNames(Map<String, String> names) {
    this.names = names;
  }

  static PersonNames in(List<Resource> resources) {
    Map<String, String> names = new HashMap<>();
    for (Resource resource : resources) {
      if (resource instanceof Patient patient) {
        names.put("Patient/" + patient.getIdElement().getIdPart(), display(patient.getName()));
      } else if (resource instanceof Practitioner practitioner) {
        names.put("Practitioner/" + practitioner.getIdElement().getIdPart(), display(practitioner.getName()));
      }
    }
    return new PersonNames(names);
  }

  static PersonNames in(Bundle bundle) {
    return in(bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
        .filter(resource -> resource != null).toList());
  }

  /** The name behind a reference, or a plain stand-in that never shows an id. */
  String of(Optional<String> reference, String unknown) {
    return reference.map(names::get).orElse(unknown);
  }

  String of(String reference, String unknown) {
    return names.getOrDefault(reference, unknown);
  }

  /** A person's name as written: the text, else given names and family name. */
  static String display(List<HumanName> names) {
    return names.stream().findFirst()
        .map(name -> name.hasText() ? name.getText() : name.getNameAsSingleString())
        .filter(name -> !name.isBlank())
        .orElse("(no name)");
  }
}
