package org.kapcompanion.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.kapcompanion.monitoring.SessionNote;

class ReusingInstanceValidatorTest {

  private static final EntryContext CONTEXT = new EntryContext("kap-pt-05", Optional.of("kap-pt-05-dose-02"),
      Optional.of("Practitioner/therapist-1"));

  /** Before, each reused core validator kept about 100 KB of every note it validated: 40 MB for 400 notes. */
  @Test
  void aReusedValidatorKeepsNothingOfTheNotesItValidated() {
    validateNotes(20);
    long before = heapAfterCollection();

    validateNotes(400);

    assertThat(heapAfterCollection() - before).isLessThan(12L * 1024 * 1024);
  }

  private static void validateNotes(int count) {
    for (int i = 0; i < count; i++) {
      SessionNote note = new SessionNote(UUID.randomUUID().toString(), Instant.now(), "Note " + i,
          List.of("breathwork"));
      EntryResources resources = EntryResources.of(TestNotes.entry(note, CONTEXT), CONTEXT, Instant.now());
      assertThat(SharedValidator.VALIDATOR.validate(resources.target())).isInstanceOf(ValidationResult.Valid.class);
    }
  }

  private static long heapAfterCollection() {
    Runtime runtime = Runtime.getRuntime();
    System.gc();
    System.gc();
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
