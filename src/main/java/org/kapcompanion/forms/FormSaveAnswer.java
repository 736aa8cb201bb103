package org.kapcompanion.forms;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.kapcompanion.web.JsonAnswer;
import org.kapcompanion.writeback.SaveResult;
import org.kapcompanion.writeback.ValidationProblem;

/**
 * The request and answer of a form save as {@code static/form-save.js} sends and reads them: the form's fields with
 * the entry id the page made, answered with JSON (acknowledged with the response status, or refused with problems).
 */
public final class FormSaveAnswer {

  /** The form field carrying the entry id the page made once for this save. */
  public static final String ENTRY_FIELD = "entry";

  private FormSaveAnswer() {}

  /** The submitted fields by name, for {@link FormInput#parse}. */
  public static Map<String, List<String>> fields(HttpServletRequest request) {
    Map<String, List<String>> fields = new HashMap<>();
    request.getParameterMap().forEach((name, values) -> fields.put(name, Arrays.asList(values)));
    return fields;
  }

  /**
   * The entry id of a save the request may make: a UUID entry id. When it may not, the refusal is sent and the answer
   * is empty.
   */
  public static Optional<String> acceptedEntryId(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Optional<String> entryId = entryId(request);
    if (entryId.isEmpty()) {
      badRequest(response);
      return Optional.empty();
    }
    return entryId;
  }

  /** The entry id sent with the save, when it is a UUID in its canonical form (never one read leniently). */
  public static Optional<String> entryId(HttpServletRequest request) {
    try {
      return Optional.ofNullable(request.getParameter(ENTRY_FIELD))
          .filter(id -> UUID.fromString(id).toString().equals(id));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** A new entry id for the next save of a page. */
  public static String newEntryId() {
    return UUID.randomUUID().toString();
  }

  /**
   * Answers a save: acknowledged ({@code completed} when nothing is {@code missing}, else {@code in-progress}), or
   * refused with what to fix.
   */
  public static void write(HttpServletResponse response, SaveResult result, List<FormReview.Missing> missing)
      throws IOException {
    JsonObject answer = new JsonObject();
    if (result instanceof SaveResult.Invalid invalid) {
      answer.addProperty("error", "Not saved: fix what is listed and save again.");
      JsonArray problems = new JsonArray();
      invalid.problems().stream().map(ValidationProblem::message).forEach(problems::add);
      answer.add("problems", problems);
      JsonAnswer.send(response, 422, answer);
      return;
    }
    SaveResult.Accepted accepted = (SaveResult.Accepted) result;
    answer.addProperty("id", accepted.entryId());
    answer.addProperty("state", "pending");
    answer.addProperty("status", missing.isEmpty() ? "completed" : "in-progress");
    answer.addProperty("missing", missing.size());
    JsonAnswer.send(response, 200, answer);
  }

  /** Refuses a save whose entry id is missing or malformed. */
  private static void badRequest(HttpServletResponse response) throws IOException {
    JsonObject answer = new JsonObject();
    answer.addProperty("error", "The save could not be read: reload the page and save again.");
    JsonAnswer.send(response, 400, answer);
  }
}
