package org.kapcompanion.writeback;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.kapcompanion.launch.ActiveSession;
import org.kapcompanion.launch.LaunchError;
import org.kapcompanion.launch.SessionPage;
import org.kapcompanion.web.Templates;

/**
 * The session's entry endpoints: the note page ({@code notes}), saving an entry ({@code POST entries}, JSON), the sync
 * status of every entry ({@code GET entries/status}) and retrying a failed one ({@code POST entries/retry}).
 */
final class EntryEndpoints {

  private static final int MAX_NOTE_LENGTH = 4_000;
  private static final Gson GSON = new Gson();

  private final EntryService entries;
  private final List<QuickTag> tags;
  private final Templates templates;

  EntryEndpoints(EntryService entries, List<QuickTag> tags, Templates templates) {
    this.entries = entries;
    this.tags = List.copyOf(tags);
    this.templates = templates;
  }

  /** The session pages keyed by their path under {@code /s/{handle}/}. */
  Map<String, SessionPage> pages() {
    return Map.of("notes", this::notesPage, "entries", this::save, "entries/status", this::status,
        "entries/retry", this::retry);
  }

  private void notesPage(ActiveSession active, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (!requireGet(request, response) || !requirePatient(active, response)) {
      return;
    }
    entries.adoptWaiting(active);
    templates.render(response, 200, "notes.jte", Map.of("session", active, "tags", tags));
  }

  private void save(ActiveSession active, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (!"POST".equals(request.getMethod())) {
      json(response, 405, error("use POST"));
      return;
    }
    if (!requirePatient(active, response)) {
      return;
    }
    SessionNote note;
    try {
      note = parseNote(JsonParser.parseString(body(request)).getAsJsonObject());
    } catch (JsonParseException | IllegalStateException | IllegalArgumentException | DateTimeParseException
        | NullPointerException e) {
      json(response, 400, error("the entry could not be read: send id (UUID), effective (ISO instant), text and tags"));
      return;
    }
    SaveResult result = entries.saveNote(active, note);
    if (result instanceof SaveResult.Invalid invalid) {
      json(response, 422, problems(note.entryId(), invalid));
      return;
    }
    JsonObject accepted = new JsonObject();
    accepted.addProperty("id", note.entryId());
    accepted.addProperty("state", "pending");
    json(response, 200, accepted);
  }

  private void status(ActiveSession active, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (!requireGet(request, response)) {
      return;
    }
    JsonArray list = new JsonArray();
    int pending = 0;
    int failed = 0;
    for (Outbox.EntryStatus status : entries.statuses(active)) {
      JsonObject item = new JsonObject();
      item.addProperty("id", status.entryId());
      item.addProperty("state", status.state());
      status.reason().ifPresent(reason -> item.addProperty("reason", reason));
      list.add(item);
      pending += "pending".equals(status.state()) ? 1 : 0;
      failed += "failed".equals(status.state()) ? 1 : 0;
    }
    JsonObject answer = new JsonObject();
    answer.add("entries", list);
    answer.addProperty("pending", pending);
    answer.addProperty("failed", failed);
    json(response, 200, answer);
  }

  private void retry(ActiveSession active, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (!"POST".equals(request.getMethod())) {
      json(response, 405, error("use POST"));
      return;
    }
    String id = request.getParameter("id");
    if (id == null || !entries.retry(active, id)) {
      json(response, 404, error("no failed entry with this id in this session"));
      return;
    }
    JsonObject answer = new JsonObject();
    answer.addProperty("id", id);
    answer.addProperty("state", "pending");
    json(response, 200, answer);
  }

  static SessionNote parseNote(JsonObject json) {
    String id = UUID.fromString(json.get("id").getAsString()).toString();
    String text = json.get("text").getAsString().strip();
    if (text.isEmpty() || text.length() > MAX_NOTE_LENGTH) {
      throw new IllegalArgumentException("note text must have 1 to " + MAX_NOTE_LENGTH + " characters");
    }
    List<String> tags = new ArrayList<>();
    JsonElement tagList = json.get("tags");
    if (tagList != null && !tagList.isJsonNull()) {
      tagList.getAsJsonArray().forEach(tag -> tags.add(tag.getAsString()));
    }
    return new SessionNote(id, Instant.parse(json.get("effective").getAsString()), text, tags);
  }

  private static JsonObject problems(String entryId, SaveResult.Invalid invalid) {
    JsonObject answer = error("the entry was not saved: fix what is listed and save again");
    answer.addProperty("id", entryId);
    JsonArray list = new JsonArray();
    for (ValidationProblem problem : invalid.problems()) {
      JsonObject item = new JsonObject();
      item.addProperty("message", problem.message());
      item.addProperty("location", problem.location());
      list.add(item);
    }
    answer.add("problems", list);
    return answer;
  }

  private boolean requireGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    if ("GET".equals(request.getMethod())) {
      return true;
    }
    json(response, 405, error("use GET"));
    return false;
  }

  private boolean requirePatient(ActiveSession active, HttpServletResponse response) throws IOException {
    if (active.session().context().patientId().isPresent()) {
      return true;
    }
    LaunchError.NO_PATIENT.sendTo(templates, response);
    return false;
  }

  private static String body(HttpServletRequest request) throws IOException {
    return new String(request.getInputStream().readNBytes(64 * 1024), StandardCharsets.UTF_8);
  }

  private static JsonObject error(String message) {
    JsonObject error = new JsonObject();
    error.addProperty("error", message);
    return error;
  }

  private static void json(HttpServletResponse response, int status, JsonObject body) throws IOException {
    byte[] bytes = GSON.toJson(body).getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.setContentType("application/json;charset=utf-8");
    response.setHeader("Cache-Control", "no-store");
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }
}
