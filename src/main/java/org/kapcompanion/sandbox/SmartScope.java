package org.kapcompanion.sandbox;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SMART clinical scope, v1 ({@code patient/Observation.read}) or v2 ({@code patient/Observation.rs}), reduced
 * to who it is for, which resource type ({@code *} for all) and which interactions it permits (SMART App Launch 2.x
 * §Scopes and Launch Context). A v2 {@code ?query} suffix is accepted and not enforced.
 */
record SmartScope(Level level, String resourceType, Set<Permission> permissions) {

  /** Whose data a scope covers. */
  enum Level {
    PATIENT,
    USER,
    SYSTEM
  }

  /** The SMART v2 interactions: create, read, update, delete, search. */
  enum Permission {
    CREATE('c'),
    READ('r'),
    UPDATE('u'),
    DELETE('d'),
    SEARCH('s');

    final char letter;

    Permission(char letter) {
      this.letter = letter;
    }
  }

  static final String ALL_TYPES = "*";

  private static final Pattern SYNTAX =
      Pattern.compile("(patient|user|system)/([A-Z][A-Za-z]+|\\*)\\.(read|write|\\*|[cruds]+)(\\?.*)?");

  /** Parses a clinical scope; empty for anything else (identity, launch-context and unknown scopes). */
  static Optional<SmartScope> parse(String scope) {
    Matcher m = SYNTAX.matcher(scope);
    if (!m.matches()) {
      return Optional.empty();
    }
    String action = m.group(3);
    if (m.group(4) != null && !isV2(action)) {
      return Optional.empty();
    }
    return permissions(action)
        .map(p -> new SmartScope(Level.valueOf(m.group(1).toUpperCase()), m.group(2), p));
  }

  boolean covers(String type) {
    return resourceType.equals(ALL_TYPES) || resourceType.equals(type);
  }

  private static boolean isV2(String action) {
    return !action.equals("read") && !action.equals("write") && !action.equals("*");
  }

  private static Optional<Set<Permission>> permissions(String action) {
    switch (action) {
      case "read":
        return Optional.of(EnumSet.of(Permission.READ, Permission.SEARCH));
      case "write":
        return Optional.of(EnumSet.of(Permission.CREATE, Permission.UPDATE, Permission.DELETE));
      case "*":
        return Optional.of(EnumSet.allOf(Permission.class));
      default:
        return v2Permissions(action);
    }
  }

  /** v2 letters must appear at most once each and in the order c, r, u, d, s. */
  private static Optional<Set<Permission>> v2Permissions(String letters) {
    Set<Permission> result = EnumSet.noneOf(Permission.class);
    int next = 0;
    Permission[] order = Permission.values();
    for (char letter : letters.toCharArray()) {
      while (next < order.length && order[next].letter != letter) {
        next++;
      }
      if (next == order.length) {
        return Optional.empty();
      }
      result.add(order[next++]);
    }
    return Optional.of(result);
  }
}
