package org.kapcompanion.writeback;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.utilities.xhtml.NodeType;
import org.hl7.fhir.utilities.xhtml.XhtmlNode;
import org.kapcompanion.store.SecretBox;
import org.kapcompanion.store.TestStores;

/**
 * Outbox rows written straight into the table, as an earlier release or a failed delivery left them — above all an
 * entry that cannot be read back: an integration plan whose themes held U+0000 has it in the CarePlan's XHTML
 * narrative, which JSON carries but HAPI's XHTML parser refuses (HAPI-1755).
 */
final class OutboxRows {

  static final String KIND = "integration-plan";
  /** Words of the poisoned narrative, to show they never reach a page or a log. */
  static final String NARRATIVE_WORDS = "lighthouse-on-the-shore";

  private OutboxRows() {}

  /** An integration plan for {@code patient} whose narrative holds U+0000. */
  static EntryResources carePlanWithNul(String patient, Instant now) {
    String entryId = UUID.randomUUID().toString();
    CarePlan plan = new CarePlan();
    plan.addIdentifier(EntryIdentity.of(entryId));
    plan.setStatus(CarePlan.CarePlanStatus.ACTIVE).setIntent(CarePlan.CarePlanIntent.PLAN);
    plan.setSubject(new Reference("Patient/" + patient));
    XhtmlNode div = new XhtmlNode(NodeType.Element, "div");
    div.addTag("p").addText("Themes and insights: " + NARRATIVE_WORDS + "\u0000");
    plan.setText(new Narrative().setStatus(Narrative.NarrativeStatus.GENERATED).setDiv(div));
    EntryContext context = new EntryContext(patient, Optional.empty(), Optional.of("Practitioner/kap-therapist-1"));
    return EntryResources.of(Entry.create(entryId, KIND, plan), context, now);
  }

  /** Stores {@code resources} as pending, the way the outbox did before it checked that an entry reads back. */
  static void storeUnchecked(DataSource dataSource, Outbox.Destination destination, EntryResources resources,
      Instant at) throws SQLException {
    insert(dataSource, destination, resources, KIND, null, "pending", null, at, at);
  }

  /** Stores {@code resources} as pending and not due before {@code retryAt}, as a postponed delivery leaves it. */
  static void storeWaiting(DataSource dataSource, Outbox.Destination destination, EntryResources resources,
      String kind, Instant retryAt) throws SQLException {
    insert(dataSource, destination, resources, kind, resources.label(kind), "pending", null, retryAt, Instant.now());
  }

  /** Stores {@code resources} as an entry of {@code kind}, with its label, that the EHR refused for {@code reason}. */
  static void storeFailed(DataSource dataSource, Outbox.Destination destination, EntryResources resources,
      String kind, String reason, Instant at) throws SQLException {
    insert(dataSource, destination, resources, kind, resources.label(kind), "failed", reason, at, at);
  }

  private static void insert(DataSource dataSource, Outbox.Destination destination, EntryResources resources,
      String kind, String label, String state, String reason, Instant next, Instant at) throws SQLException {
    SecretBox box = new SecretBox(TestStores.KEY);
    String payload = box.seal(SandboxFhir.FHIR.newJsonParser().encodeResourceToString(resources.toBundle()));
    try (Connection connection = dataSource.getConnection();
         PreparedStatement insert = connection.prepareStatement("insert into outbox_entry (entry_id, tenant_id, "
             + "session_hash, owner_hash, entry_type, payload, state, attempts, next_attempt_at, created_at, reason, "
             + "problem, problem_at, label) values (?,?,?,?,?,?,?,0,?,?,?,?,?,?)")) {
      insert.setString(1, resources.entryId());
      insert.setString(2, destination.tenantId());
      insert.setString(3, destination.sessionHash());
      insert.setString(4, destination.ownerHash());
      insert.setString(5, kind);
      insert.setString(6, payload);
      insert.setString(7, state);
      insert.setTimestamp(8, Timestamp.from(next));
      insert.setTimestamp(9, Timestamp.from(at));
      insert.setString(10, reason == null ? null : box.seal(reason));
      insert.setString(11, reason == null ? null : "the EHR refused the entry (422)");
      insert.setTimestamp(12, reason == null ? null : Timestamp.from(at));
      insert.setString(13, label);
      insert.executeUpdate();
    }
  }
}
