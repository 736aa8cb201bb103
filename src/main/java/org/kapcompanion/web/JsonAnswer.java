package org.kapcompanion.web;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Writes the JSON answers of the pages' save endpoints: never cached, and errors as {@code {"error": "…"}}. */
public final class JsonAnswer {

  private static final Gson GSON = new Gson();

  private JsonAnswer() {}

  /** Sends {@code body} with {@code status}. */
  public static void send(HttpServletResponse response, int status, JsonObject body) throws IOException {
    byte[] bytes = bytes(body);
    response.setStatus(status);
    response.setContentType("application/json;charset=utf-8");
    response.setHeader("Cache-Control", "no-store");
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }

  static byte[] bytes(JsonObject body) {
    return GSON.toJson(body).getBytes(StandardCharsets.UTF_8);
  }

  /** An answer that says what went wrong and what to do. */
  public static JsonObject error(String message) {
    JsonObject error = new JsonObject();
    error.addProperty("error", message);
    return error;
  }
}
