package org.kapcompanion.monitoring;

import java.util.List;
import org.hl7.fhir.r4.model.CodeSystem;
import org.kapcompanion.vocabulary.KapUrls;
import org.kapcompanion.writeback.ConformancePackage;

/** A quick tag the therapist can attach to a note, from the package's {@code kap-quick-tag} CodeSystem. */
public record QuickTag(String code, String display) {

  static List<QuickTag> from(ConformancePackage conformancePackage) {
    return conformancePackage.conformanceResources().stream()
        .filter(resource -> resource instanceof CodeSystem system && KapUrls.QUICK_TAGS.equals(system.getUrl()))
        .flatMap(resource -> ((CodeSystem) resource).getConcept().stream())
        .map(concept -> new QuickTag(concept.getCode(), concept.getDisplay()))
        .toList();
  }
}
