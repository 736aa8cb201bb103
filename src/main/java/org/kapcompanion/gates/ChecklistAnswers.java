package org.kapcompanion.gates;

import java.util.Optional;
import org.hl7.fhir.r4.model.Type;

/** A checklist's answers as a gate reads them: the first answer of an item, by {@code linkId}. */
@FunctionalInterface
public interface ChecklistAnswers {

  /** The first answer to the item, when answered. */
  Optional<Type> first(String linkId);

  /** Whether the item is answered "yes". */
  default boolean yes(String linkId) {
    return first(linkId).map(Type::primitiveValue).filter("true"::equals).isPresent();
  }

  /** Whether the item is answered "no". */
  default boolean no(String linkId) {
    return first(linkId).map(Type::primitiveValue).filter("false"::equals).isPresent();
  }
}
