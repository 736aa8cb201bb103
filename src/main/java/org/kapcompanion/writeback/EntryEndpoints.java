package org.kapcompanion.writeback;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.kapcompanion.session.ActiveSession;
import org.kapcompanion.session.SessionPage;
import org.kapcompanion.web.JsonAnswer;
import org.kapcompanion.web.ClinicTime;

/**
 * The session's entry endpoints: the sync status of every entry ({@code GET entries/status}, which only reads),
 * retrying a failed one ({@code POST entries/retry}) and giving one up ({@code POST entries/discard}).
 */
final class EntryEndpoints {


  private final EntryService entries;
  private final Clock clock;

  EntryEndpoints(EntryService entries, Clock clock) {
    this.entries = entries;
    this.clock = clock;
  }

  /** The session pages keyed by their path under {@code /s/{handle}/}. */
  Map<String, SessionPage> pages() {
    return Map.of("entries/status", SessionPage.only(Set.of("GET", "HEAD"), this::status),
        "entries/retry", SessionPage.only(Set.of("POST"), this::retry),
        "entries/discard", SessionPage.only(Set.of("POST"), this::discard));
  }

  private void status(ActiveSession active, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    JsonArray list = new JsonArray();
    int pending = 0;
    int failed = 0;
    int unreadable = 0;
    for (SessionEntries.EntryStatus status : entries.statuses(active)) {
      JsonObject item = new JsonObject();
      item.addProperty("id", status.entryId());
      item.addProperty("state", status.state());
      status.reason().ifPresent(reason -> item.addProperty("reason", reason));
      status.label().ifPresent(label -> item.addProperty("label", label));
      item.addProperty("at", ClinicTime.clock(status.at(), clock.getZone()));
      item.addProperty("retryable", !status.unreadable());
      list.add(item);
      pending += "pending".equals(status.state()) ? 1 : 0;
      failed += "failed".equals(status.state()) ? 1 : 0;
      unreadable += status.unreadable() ? 1 : 0;
    }
    JsonObject answer = new JsonObject();
    answer.add("entries", list);
    answer.addProperty("pending", pending);
    answer.addProperty("failed", failed);
    answer.addProperty("unreadable", unreadable);
    JsonAnswer.send(response, 200, answer);
  }

  private void retry(ActiveSession active, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    act(request, response, id -> entries.retry(active, id), "pending");
  }

  /** Gives up a failed entry of the session at the user's explicit request: it is never sent. */
  private void discard(ActiveSession active, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    act(request, response, id -> entries.discardFailed(active, id), "discarded");
  }

  private static void act(HttpServletRequest request, HttpServletResponse response, Predicate<String> action,
      String state) throws IOException {
    String id = request.getParameter("id");
    if (id == null || !action.test(id)) {
      JsonAnswer.send(response, 404, JsonAnswer.error("no failed entry with this id in this session"));
      return;
    }
    JsonObject answer = new JsonObject();
    answer.addProperty("id", id);
    answer.addProperty("state", state);
    JsonAnswer.send(response, 200, answer);
  }
}
