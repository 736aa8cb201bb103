package org.kapcompanion.forms;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Type;

/** The answers given on a form so far, by linkId, as FHIR answer values (boolean, integer, string, Coding, …). */
public final class Answers {

  private final Map<String, List<Type>> values;

  private Answers(Map<String, List<Type>> values) {
    this.values = values;
  }

  public static Answers none() {
    return new Answers(Map.of());
  }

  public static Answers of(Map<String, List<Type>> values) {
    return new Answers(Map.copyOf(values));
  }

  public List<Type> get(String linkId) {
    return values.getOrDefault(linkId, List.of());
  }

  public Optional<Type> first(String linkId) {
    List<Type> answers = get(linkId);
    return answers.isEmpty() ? Optional.empty() : Optional.of(answers.get(0));
  }

  public boolean has(String linkId) {
    return !get(linkId).isEmpty();
  }

  /** These answers with {@code linkId} answered by {@code answers} (an empty list removes it). */
  public Answers with(String linkId, List<Type> answers) {
    Map<String, List<Type>> copy = new LinkedHashMap<>(values);
    if (answers.isEmpty()) {
      copy.remove(linkId);
    } else {
      copy.put(linkId, List.copyOf(answers));
    }
    return new Answers(Map.copyOf(copy));
  }
}
