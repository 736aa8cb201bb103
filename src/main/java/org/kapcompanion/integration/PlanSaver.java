package org.kapcompanion.integration;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.kapcompanion.session.ActiveSession;
import org.kapcompanion.writeback.Entry;
import org.kapcompanion.writeback.EntrySaver;
import org.kapcompanion.writeback.FallbackNotes;
import org.kapcompanion.writeback.SaveResult;
import org.kapcompanion.writeback.ValidationProblem;

/**
 * Saves a plan as entries: its Goals first (the CarePlan refers to new ones), then the CarePlan — each a create, or
 * an {@code If-Match} update of the version the user edited — with the plan document as the CarePlan's fallback
 * where the EHR takes no CarePlan.
 */
final class PlanSaver {

  static final String PLAN_KIND = "integration-plan";
  static final String GOAL_KIND = "integration-goal";
  static final String AS_DOCUMENT = FallbackNotes.PLAN_AS_DOCUMENT;
  static final String GOAL_IN_PLAN = FallbackNotes.GOAL_IN_PLAN;

  private final EntrySaver entries;
  private final Clock clock;

  PlanSaver(EntrySaver entries, Clock clock) {
    this.entries = entries;
    this.clock = clock;
  }

  /** How a save ended: the entries stored (goals first, the plan last), or the first entry's problems. */
  sealed interface Outcome {

    record Saved(List<String> entryIds) implements Outcome {}

    record Invalid(List<ValidationProblem> problems) implements Outcome {}
  }

  /** Saves {@code plan} as entry {@code entryId}, editing {@code existingPlan} when present. */
  Outcome save(ActiveSession active, IntegrationPlan plan, Optional<IntegrationPlan.Existing> existingPlan,
      PlanReader.Start start, String entryId) {
    PlanMapping.Context context = new PlanMapping.Context(active.session().context().patientId().orElseThrow(),
        active.session().fhirUser(), start.encounter(), start.sessionDate(), clock.instant());
    PlanMapping.Written written = PlanMapping.toResources(plan, context, entryId, existingPlan);
    List<Entry> toSave = new ArrayList<>();
    for (int i = 0; i < written.goals().size(); i++) {
      PlanMapping.WrittenGoal goal = written.goals().get(i);
      String updateId = goalUpdateId(entryId, i);
      Entry entry = goal.existing().map(e -> Entry.update(updateId, GOAL_KIND, goal.goal(),
              e.reference(), e.version()))
          .orElse(Entry.create(goal.entryId(), GOAL_KIND, goal.goal()));
      toSave.add(entry.orElse(Entry.Fallback.skip(GOAL_IN_PLAN)));
    }
    Entry planEntry = existingPlan.map(e -> Entry.update(entryId, PLAN_KIND, written.plan(), e.reference(),
            e.version()))
        .orElse(Entry.create(entryId, PLAN_KIND, written.plan()));
    toSave.add(planEntry.orElse(Entry.Fallback.writeInstead(written.document(), AS_DOCUMENT)));
    List<String> saved = new ArrayList<>();
    for (Entry entry : toSave) {
      SaveResult result = entries.save(active, entry);
      if (result instanceof SaveResult.Invalid invalid) {
        return new Outcome.Invalid(invalid.problems());
      }
      saved.add(entry.entryId());
    }
    return new Outcome.Saved(saved);
  }

  /** The entry id of the update of the {@code index}th goal in save {@code entryId}: the same on every retry. */
  static String goalUpdateId(String entryId, int index) {
    return UUID.nameUUIDFromBytes((entryId + "/goal-update/" + index).getBytes(StandardCharsets.UTF_8)).toString();
  }
}
