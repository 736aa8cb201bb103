package org.kapcompanion.writeback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kapcompanion.session.AppSession;
import org.kapcompanion.store.Database;
import org.kapcompanion.store.SecretBox;
import org.kapcompanion.store.TestStores;

/**
 * The sandbox EHR behind a proxy whose CapabilityStatement takes no CarePlan or Goal writes (as Epic and Oracle Health
 * R4): the plan arrives as its fallback document, the goal is skipped, and each entry says so.
 */
class CarePlanFallbackIT {

  private static final String PATIENT = "kap-pt-03";
  @RegisterExtension
  static final LaunchFixture launches = new LaunchFixture();

  @Test
  void planIsWrittenAsADocumentWhereTheEhrTakesNoCarePlan() throws Exception {
    SessionClient client = launches.launch(PATIENT, null);
    AppSession session = launches.stored(client);
    EntryContext context = new EntryContext(PATIENT, Optional.empty(), session.fhirUser());
    String goalEntry = UUID.randomUUID().toString();
    String planEntry = UUID.randomUUID().toString();
    Goal goal = new Goal().addIdentifier(EntryIdentity.of(goalEntry))
        .setLifecycleStatus(Goal.GoalLifecycleStatus.ACTIVE).setDescription(new CodeableConcept().setText("Rest"))
        .setSubject(new Reference("Patient/" + PATIENT));
    goal.addTarget().setDue(new DateType("2026-12-20"));
    CarePlan plan = new CarePlan().addIdentifier(EntryIdentity.of(planEntry))
        .setStatus(CarePlan.CarePlanStatus.ACTIVE).setIntent(CarePlan.CarePlanIntent.PLAN)
        .setSubject(new Reference("Patient/" + PATIENT)).addGoal(EntryIdentity.reference(goalEntry));
    DocumentReference document = new DocumentReference().addIdentifier(EntryIdentity.of(planEntry))
        .setStatus(Enumerations.DocumentReferenceStatus.CURRENT).setSubject(new Reference("Patient/" + PATIENT));
    document.addContent().setAttachment(new Attachment().setContentType("text/markdown; charset=utf-8")
        .setData("# Integration plan\n- Rest".getBytes()));

    try (FaultProxy proxy = new FaultProxy(launches.ehrOrigin(), 1L, 0.0, Duration.ZERO);
         Database store = TestStores.inMemory()) {
      proxy.rewriteCapabilities(CarePlanFallbackIT::withoutCarePlanOrGoalWrites);
      Outbox outbox = new Outbox(store.dataSource(), new SecretBox(TestStores.KEY), SandboxFhir.FHIR,
          Clock.systemUTC());
      SessionEntries entries = new SessionEntries(store.dataSource(), new SecretBox(TestStores.KEY), SandboxFhir.FHIR);
      Outbox.Destination destination = new Outbox.Destination("sandbox", client.sessionHash(), "owner", "patient");
      outbox.enqueue(destination, EntryResources.of(Entry.create(goalEntry, "integration-goal", goal)
          .orElse(Entry.Fallback.skip("the goal is in the plan's text")), context, Instant.now()), "integration-goal");
      outbox.enqueue(destination, EntryResources.of(Entry.create(planEntry, "integration-plan", plan)
          .orElse(Entry.Fallback.writeInstead(document, "written as a document because this EHR does not accept "
              + "care plans")), context, Instant.now()), "integration-plan");
      Deliveries.Fixed credentials = new Deliveries.Fixed();
      credentials.put(client.sessionHash(), proxy.base(launches.fhirBase().getPath()),
          session.tokens().accessToken());
      try (OutboxSender sender = Deliveries.sender(outbox, credentials, Duration.ofSeconds(5), Duration.ofSeconds(30),
          2)) {
        sender.start();
        Instant deadline = Instant.now().plusSeconds(30);
        while (entries.statuses(client.sessionHash()).stream().anyMatch(s -> !"saved".equals(s.state()))) {
          assertThat(Instant.now()).as("delivered in time").isBefore(deadline);
          assertThat(entries.statuses(client.sessionHash())).noneMatch(s -> "failed".equals(s.state()));
          Thread.sleep(50);
        }
      }
      assertThat(entries.statuses(client.sessionHash()))
          .extracting(SessionEntries.EntryStatus::entryId, SessionEntries.EntryStatus::state,
              SessionEntries.EntryStatus::reason)
          .containsExactlyInAnyOrder(tuple(goalEntry, "saved", Optional.of("the goal is in the plan's text")),
              tuple(planEntry, "saved",
                  Optional.of("written as a document because this EHR does not accept care plans")));
    }

    SandboxFhir fhir = launches.fhir(session);
    assertThat(fhir.countByIdentifier("DocumentReference", PATIENT, planEntry)).isEqualTo(1);
    assertThat(fhir.countByIdentifier("CarePlan", PATIENT, planEntry)).isZero();
    assertThat(fhir.countByIdentifier("Goal", PATIENT, goalEntry)).isZero();
    assertThat(fhir.countByTag("Provenance", PATIENT, planEntry)).isEqualTo(1);
  }

  private static CapabilityStatement withoutCarePlanOrGoalWrites(CapabilityStatement statement) {
    statement.getRest().forEach(rest -> rest.getResource().stream()
        .filter(r -> List.of("CarePlan", "Goal").contains(r.getType()))
        .forEach(r -> r.getInteraction().removeIf(i -> i.getCode() != CapabilityStatement.TypeRestfulInteraction.READ
            && i.getCode() != CapabilityStatement.TypeRestfulInteraction.SEARCHTYPE)));
    return statement;
  }
}
