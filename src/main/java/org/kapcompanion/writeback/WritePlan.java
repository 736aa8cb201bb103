package org.kapcompanion.writeback;

import java.util.Optional;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.SystemRestfulInteraction;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;

/**
 * How to write an entry to one EHR, chosen from its CapabilityStatement: a transaction bundle of conditional creates
 * where the server takes both, else individual conditional creates, else plain creates after a search for the entry
 * identifier, else — where the server creates the type only by update ({@code updateCreate}) — an update at an id made
 * from the entry identifier; the Provenance only where the server accepts Provenance creates.
 *
 * @param mode how the target (and its Provenance) are sent
 * @param provenance whether the server accepts Provenance creates
 */
record WritePlan(Mode mode, boolean provenance) {

  enum Mode { TRANSACTION, CONDITIONAL_CREATE, SEARCH_THEN_CREATE, UPDATE_AS_CREATE }

  /** The plan for creating a {@code targetType} entry, or empty when the server does not accept that type. */
  static Optional<WritePlan> choose(CapabilityStatement capabilities, String targetType) {
    return choose(capabilities, targetType, false);
  }

  /**
   * The plan for writing a {@code targetType} entry — an update ({@code PUT}) when {@code update}, else a create — or
   * empty when the server does not take that interaction on that type.
   */
  static Optional<WritePlan> choose(CapabilityStatement capabilities, String targetType, boolean update) {
    CapabilityStatementRestComponent rest = capabilities.getRest().stream()
        .filter(r -> r.getMode() == CapabilityStatement.RestfulCapabilityMode.SERVER).findFirst()
        .orElse(capabilities.getRestFirstRep());
    Optional<CapabilityStatementRestResourceComponent> target = resource(rest, targetType);
    TypeRestfulInteraction needed = update ? TypeRestfulInteraction.UPDATE : TypeRestfulInteraction.CREATE;
    if (target.isEmpty()) {
      return Optional.empty();
    }
    boolean updateAsCreate = !update && !supports(target.get(), needed) && target.get().getUpdateCreate()
        && supports(target.get(), TypeRestfulInteraction.UPDATE);
    if (!supports(target.get(), needed) && !updateAsCreate) {
      return Optional.empty();
    }
    boolean provenance = resource(rest, "Provenance")
        .map(r -> supports(r, TypeRestfulInteraction.CREATE)).orElse(false);
    boolean transaction = rest.getInteraction().stream()
        .anyMatch(i -> i.getCode() == SystemRestfulInteraction.TRANSACTION);
    boolean conditional = target.get().getConditionalCreate();
    Mode mode = updateAsCreate ? Mode.UPDATE_AS_CREATE : !conditional ? Mode.SEARCH_THEN_CREATE : transaction ? Mode.TRANSACTION : Mode.CONDITIONAL_CREATE;
    return Optional.of(new WritePlan(mode, provenance));
  }

  private static Optional<CapabilityStatementRestResourceComponent> resource(CapabilityStatementRestComponent rest,
      String type) {
    return rest.getResource().stream().filter(r -> type.equals(r.getType())).findFirst();
  }

  private static boolean supports(CapabilityStatementRestResourceComponent resource,
      TypeRestfulInteraction interaction) {
    return resource.getInteraction().stream().anyMatch(i -> i.getCode() == interaction);
  }
}
