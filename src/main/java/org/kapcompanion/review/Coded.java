package org.kapcompanion.review;

import java.util.Arrays;
import java.util.Optional;

/** A review choice named by a code (in a code system or a query parameter) and shown to the supervisor by a label. */
interface Coded {

  String code();

  String label();

  /** The constant of {@code type} whose code is {@code code}; empty for any other value, or none. */
  static <E extends Enum<E> & Coded> Optional<E> ofCode(Class<E> type, String code) {
    return Arrays.stream(type.getEnumConstants()).filter(constant -> constant.code().equals(code)).findFirst();
  }
}
