package org.kapcompanion.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.kapcompanion.testing.SandboxSessions.Session;
import org.kapcompanion.vocabulary.KapUrls;
import org.kapcompanion.vocabulary.ReviewStatus;
import org.kapcompanion.writeback.SharedValidator;
import org.kapcompanion.writeback.ValidationResult;

class CoSignMappingTest {

  private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
  private static final Session SESSION = Session.plain("s1", "p1", "t1", Instant.parse("2026-11-19T09:00:00Z"))
      .withAdverseEvent();

  @Test
  void theCoSignIsASupervisorReviewProvenanceOverTheSessionAndItsRecords() {
    Provenance provenance = CoSignMapping.provenance("4d1c7a57-6f7e-4f1e-9a53-2b1c8f3a9e10",
        SessionExamples.record(SESSION), "Practitioner/sup", NOW);
    assertThat(SharedValidator.VALIDATOR.validate(provenance)).isInstanceOf(ValidationResult.Valid.class);
    assertThat(provenance.getMeta().getTag()).anyMatch(tag -> KapUrls.ENTRY_ID.equals(tag.getSystem())
        && "4d1c7a57-6f7e-4f1e-9a53-2b1c8f3a9e10".equals(tag.getCode()));
    assertThat(provenance.getAgentFirstRep().getType().getCodingFirstRep().getCode()).isEqualTo("verifier");
    assertThat(provenance.getAgentFirstRep().getWho().getReference()).isEqualTo("Practitioner/sup");
    assertThat(provenance.getTarget()).extracting(Reference::getReference).startsWith("Encounter/s1")
        .contains("MedicationAdministration/s1-dose", "Observation/s1-adverse", "QuestionnaireResponse/s1-discharge")
        .endsWith("Patient/p1");
  }

  @Test
  void theTaskIsCompletedByTheSupervisorWithTheComment() {
    Task task = CoSignMapping.completedTask(SessionExamples.facts(SESSION), "Practitioner/sup",
        "  Antiemetic before the next dose.  ", NOW);
    assertThat(SharedValidator.VALIDATOR.validate(task)).isInstanceOf(ValidationResult.Valid.class);
    assertThat(task.getStatus()).isEqualTo(Task.TaskStatus.COMPLETED);
    assertThat(task.getPriority()).isEqualTo(Task.TaskPriority.ROUTINE);
    assertThat(task.getNoteFirstRep().getText()).isEqualTo("Antiemetic before the next dose.");
    assertThat(task.getNoteFirstRep().getAuthorReference().getReference()).isEqualTo("Practitioner/sup");
    assertThat(ReviewTasks.entryOf(task).status()).isEqualTo(ReviewStatus.REVIEWED);
  }

  @Test
  void aCoSignWithoutACommentAddsNoNote() {
    assertThat(CoSignMapping.completedTask(SessionExamples.facts(SESSION), "Practitioner/sup", " ", NOW).getNote())
        .isEmpty();
  }
}
