package org.kapcompanion.vocabulary;

import java.util.Arrays;
import java.util.Optional;

/** A constant of the clinical vocabulary that stands for one coded concept, and the lookups every such table shares. */
public interface Coded {

  /** Its code, with the display of its code system. */
  Code code();

  /** The code value alone, e.g. {@code dosing-session}. */
  default String value() {
    return code().code();
  }

  /** The display its code system gives it. */
  default String display() {
    return code().display();
  }

  /** The constant of {@code type} whose code value is {@code value}, in whichever system; empty for any other. */
  static <E extends Enum<E> & Coded> Optional<E> byValue(Class<E> type, String value) {
    return Arrays.stream(type.getEnumConstants()).filter(constant -> constant.value().equals(value)).findFirst();
  }

  /** The constant of {@code type} that is {@code code} in {@code system}; empty for any other. */
  static <E extends Enum<E> & Coded> Optional<E> of(Class<E> type, String system, String code) {
    return Arrays.stream(type.getEnumConstants()).filter(constant -> constant.code().is(system, code)).findFirst();
  }
}
