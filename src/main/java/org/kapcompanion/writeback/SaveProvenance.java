package org.kapcompanion.writeback;

import java.time.Instant;
import java.util.Date;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.kapcompanion.vocabulary.KapUrls;
import org.kapcompanion.vocabulary.Systems;

/** Pure mapping of a save to its {@code kap-save-provenance} Provenance, which names the therapist as author. */
final class SaveProvenance {


  private SaveProvenance() {}

  /**
   * R4 Provenance has no {@code identifier}: the entry id travels as a {@code meta.tag} in the entry system, which the
   * writer's conditional create ({@code If-None-Exist: _tag=…}) matches on retry. The first target is what was saved:
   * the entry's own {@code urn:uuid} for a new resource (resolved by the EHR inside a transaction or replaced by the
   * writer after the target's create), or the updated resource.
   *
   * <p>The Patient stays as the second target, deliberately. R4 Provenance has no {@code patient} element (R5 adds
   * one); its membership in the patient compartment, and its {@code patient} search parameter, are defined through
   * {@code target}. Without it a {@code patient/Provenance.write} token — all an EHR launch usually grants — may be
   * refused the write, and {@code Provenance?patient=…} (how review and audit find a patient's saves) would miss it.
   * The cost is a looser reading of {@code target} ("what the activity generated or updated"); readers that want the
   * saved resource take the first target, which is always it.
   */
  static Provenance of(Entry entry, EntryContext context, Instant recorded) {
    Provenance provenance = new Provenance();
    provenance.getMeta().addProfile(KapUrls.SAVE_PROVENANCE_PROFILE);
    provenance.getMeta().addTag(EntryIdentity.SYSTEM, entry.entryId(), null);
    provenance.addTarget(new Reference(
        entry.update().map(Entry.Update::reference).orElse(EntryIdentity.urn(entry.entryId()))));
    provenance.addTarget(new Reference("Patient/" + context.patientId()));
    provenance.setRecorded(Date.from(recorded));
    Provenance.ProvenanceAgentComponent agent = provenance.addAgent();
    agent.setType(new CodeableConcept(new Coding(Systems.PARTICIPANT_TYPE, "author", "Author")));
    context.practitioner().ifPresent(who -> agent.setWho(new Reference(who)));
    return provenance;
  }
}
