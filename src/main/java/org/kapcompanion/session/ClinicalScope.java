package org.kapcompanion.session;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A clinical-data scope such as {@code patient/Observation.rs} or {@code user/*.read}, reduced to its meaning.
 *
 * @param level patient, user or system
 * @param type the resource type or {@code *}
 * @param permissions the v2 letters it allows (c, r, u, d, s)
 */
public record ClinicalScope(String level, String type, Set<Character> permissions) {

  public static Optional<ClinicalScope> parse(String scope) {
    int slash = scope.indexOf('/');
    int dot = scope.indexOf('.', slash + 1);
    if (slash < 0 || dot < 0) {
      return Optional.empty();
    }
    String level = scope.substring(0, slash);
    if (!level.equals("patient") && !level.equals("user") && !level.equals("system")) {
      return Optional.empty();
    }
    String type = scope.substring(slash + 1, dot);
    String access = scope.substring(dot + 1);
    int query = access.indexOf('?');
    if (query >= 0) {
      access = access.substring(0, query);
    }
    return permissions(access).map(p -> new ClinicalScope(level, type, p));
  }

  private static Optional<Set<Character>> permissions(String access) {
    switch (access) {
      case "read":
        return Optional.of(Set.of('r', 's'));
      case "write":
        return Optional.of(Set.of('c', 'u', 'd'));
      case "*":
        return Optional.of(Set.of('c', 'r', 'u', 'd', 's'));
      default:
        if (!access.matches("c?r?u?d?s?") || access.isEmpty()) {
          return Optional.empty();
        }
        Set<Character> letters = new LinkedHashSet<>();
        for (char letter : access.toLowerCase(Locale.ROOT).toCharArray()) {
          letters.add(letter);
        }
        return Optional.of(letters);
    }
  }

  public boolean covers(ClinicalScope other) {
    return level.equals(other.level)
        && (type.equals("*") || type.equals(other.type))
        && permissions.containsAll(other.permissions);
  }
}
