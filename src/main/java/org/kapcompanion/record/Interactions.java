package org.kapcompanion.record;

import java.util.Locale;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.kapcompanion.config.ClinicalProtocol;
import org.kapcompanion.vocabulary.Systems;

/**
 * The one rule that flags a medication as interacting with ketamine: an RxNorm code or a name keyword of one of the
 * protocol's medication classes. The record summary and the pre-dose checklist both flag by it.
 */
public final class Interactions {

  private Interactions() {}

  /** The protocol's flag for the medication, when it interacts with ketamine. */
  public static Optional<PatientRecord.ProtocolFlag> of(CodeableConcept medication, ClinicalProtocol protocol) {
    String name = RecordMapper.text(medication).toLowerCase(Locale.ROOT);
    return protocol.interactingMedications().stream()
        .filter(c -> RecordMapper.codes(medication, Systems.RXNORM).anyMatch(c.rxnormCodes()::contains)
            || c.nameKeywords().stream().anyMatch(name::contains))
        .findFirst()
        .map(c -> new PatientRecord.ProtocolFlag("interaction", c.name(), c.concern()));
  }

  /** The medication as a checklist lists it: its name, and the class it is flagged as when it interacts. */
  public static String listed(CodeableConcept medication, ClinicalProtocol protocol) {
    return RecordMapper.text(medication) + of(medication, protocol).map(flag -> " — flagged: " + flag.label())
        .orElse("");
  }
}
