package org.kapcompanion.forms;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The values a submission gave that a form refused, by linkId: why, and the text exactly as typed. The page shows the
 * text again beside its reason, and what still blocks says the value was refused, never that it was not answered.
 *
 * @param reasons why each value was refused, naming its field
 * @param typed what was typed, unchanged
 */
public record Refusals(Map<String, String> reasons, Map<String, String> typed) {

  public Refusals {
    reasons = Map.copyOf(reasons);
    typed = Map.copyOf(typed);
  }

  public static Refusals none() {
    return new Refusals(Map.of(), Map.of());
  }

  /** These refusals and {@code linkId}'s value, typed as {@code typed}, refused for {@code reason}. */
  public Refusals with(String linkId, String reason, String typed) {
    Map<String, String> moreReasons = new LinkedHashMap<>(reasons);
    moreReasons.put(linkId, reason);
    Map<String, String> moreTyped = new LinkedHashMap<>(this.typed);
    moreTyped.put(linkId, typed);
    return new Refusals(moreReasons, moreTyped);
  }

  /**
   * What blocks, with each refused item's entry saying it was refused, and a refused item the list does not name
   * (one not required) added after it: a refused value is never saved, so it blocks like a missing one.
   */
  public List<FormReview.Missing> explain(QuestionnaireForm form, List<FormReview.Missing> blockers) {
    Set<String> named = blockers.stream().map(FormReview.Missing::linkId).collect(Collectors.toSet());
    List<FormReview.Missing> explained = new ArrayList<>();
    for (FormReview.Missing blocker : blockers) {
      explained.add(reasons.containsKey(blocker.linkId()) ? refused(blocker.linkId(), blocker.question()) : blocker);
    }
    Map<String, String> unnamed = new LinkedHashMap<>();
    form.questions().stream().map(item -> item.getLinkId())
        .filter(linkId -> reasons.containsKey(linkId) && !named.contains(linkId))
        .forEach(linkId -> unnamed.put(linkId, form.item(linkId).map(item -> item.getText()).orElse(linkId)));
    unnamed.forEach((linkId, question) -> explained.add(refused(linkId, question)));
    return explained;
  }

  private FormReview.Missing refused(String linkId, String question) {
    String shown = typed.containsKey(linkId) ? " “" + typed.get(linkId) + "”" : "";
    return new FormReview.Missing(linkId, question, "Value" + shown + " refused: " + reasons.get(linkId));
  }
}
