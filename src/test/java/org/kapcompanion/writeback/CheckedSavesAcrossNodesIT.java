package org.kapcompanion.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.ResourceType;
import org.junit.jupiter.api.Test;
import org.kapcompanion.store.Database;

/**
 * Two app nodes with their own connection pools on one PostgreSQL database (migrated by both) check and save the same
 * patient's dose one at a time: the second waits while the first is deciding, then sees the first's dose.
 */
class CheckedSavesAcrossNodesIT {

  @Test
  void aSecondNodeWaitsForTheFirstsCheckedSaveAndThenSeesItsDose() throws Exception {
    try (TestPostgres postgres = new TestPostgres();
         Database first = Database.open(postgres.store());
         Database second = Database.open(postgres.store())) {
      CheckedSaves firstNode = CheckedSavesTest.saves(first, CheckedSavesTest.outbox(first));
      CheckedSaves secondNode = CheckedSavesTest.saves(second, CheckedSavesTest.outbox(second));
      EntryResources firstDose = CheckedSavesTest.dose("kap-pt-01");
      CountDownLatch deciding = new CountDownLatch(1);
      CountDownLatch decide = new CountDownLatch(1);
      CountDownLatch secondEntered = new CountDownLatch(1);

      CompletableFuture<CheckedSaves.Outcome<List<String>>> firstSave = CompletableFuture.supplyAsync(() ->
          firstNode.store(CheckedSavesTest.destination("therapist", "patient-1"), firstDose, "dose",
              ResourceType.MedicationAdministration, undelivered -> {
                deciding.countDown();
                await(decide);
                return Optional.empty();
              }));
      assertThat(deciding.await(30, TimeUnit.SECONDS)).isTrue();
      CompletableFuture<CheckedSaves.Outcome<List<String>>> secondSave = CompletableFuture.supplyAsync(() ->
          secondNode.store(CheckedSavesTest.destination("co-therapist", "patient-1"),
              CheckedSavesTest.dose("kap-pt-01"), "dose", ResourceType.MedicationAdministration, undelivered -> {
                secondEntered.countDown();
                return Optional.of(undelivered.stream().map(CheckedSavesTest::entryId).toList())
                    .filter(ids -> !ids.isEmpty());
              }));

      assertThat(secondEntered.await(500, TimeUnit.MILLISECONDS)).as("the second node has not entered yet").isFalse();
      decide.countDown();

      assertThat(firstSave.get(30, TimeUnit.SECONDS))
          .isEqualTo(new CheckedSaves.Outcome.Stored<List<String>>(Outbox.Stored.NEW));
      assertThat(secondSave.get(30, TimeUnit.SECONDS))
          .isEqualTo(new CheckedSaves.Outcome.Refused<>(List.of(firstDose.entryId())));
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("never released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
