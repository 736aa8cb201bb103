package org.kapcompanion.writeback;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r5.context.IWorkerContext;
import org.hl7.fhir.r5.elementmodel.JsonParser;
import org.hl7.fhir.r5.model.StructureDefinition;
import org.hl7.fhir.utilities.validation.ValidationMessage;

/**
 * The validator's element-model JSON parser, except that it remembers the definition it found for each resource type
 * (the core parser scans every StructureDefinition for it on each resource it reads: a fifth of a note's validation
 * on a loaded machine, too little to measure on a quiet one).
 * Not thread-safe: like the validator it belongs to, it is used by one thread at a time.
 */
final class TypeRememberingJsonParser extends JsonParser {

  private final Map<String, StructureDefinition> byType = new HashMap<>();

  TypeRememberingJsonParser(IWorkerContext worker) {
    super(worker);
  }

  @Override
  protected StructureDefinition getDefinition(List<ValidationMessage> errors, int line, int col, String name) {
    StructureDefinition known = name == null ? null : byType.get(name);
    if (known != null) {
      return known;
    }
    StructureDefinition found = super.getDefinition(errors, line, col, name);
    if (found != null) {
      byType.put(name, found);
    }
    return found;
  }
}
