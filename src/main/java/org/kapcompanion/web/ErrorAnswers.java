package org.kapcompanion.web;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/**
 * The app's answer to a request it cannot serve, in every place one is made (the request boundary, the servlet
 * container's errors, Jetty's own): the plain error page, or {@code {"error": …}} for the pages' scripts and htmx;
 * a title and advice by status, never an exception's text.
 */
final class ErrorAnswers {

  /** What an error page says for a status. */
  record Words(String title, String advice) {}

  private final Templates templates;
  private final SecurityHeaders headers;

  ErrorAnswers(Templates templates, SecurityHeaders headers) {
    this.templates = templates;
    this.headers = headers;
  }

  static Words words(int status) {
    return switch (status) {
      case 404 -> new Words("Page not found",
          "This address does not exist in KAP Companion. Open it again from the EHR.");
      case 405 -> new Words("This action is not available",
          "KAP Companion does not take this kind of request here. Go back, or open KAP Companion again from the EHR.");
      case 408 -> new Words("The request took too long",
          "What was sent arrived too slowly and was not used. Check the network connection and send it again.");
      case 413 -> new Words("What was sent is too large",
          "KAP Companion did not use it. Go back and send less at once.");
      case 414 -> new Words("The address is too long",
          "KAP Companion could not use this address. Open KAP Companion again from the EHR.");
      case 415 -> new Words("The request could not be handled",
          "KAP Companion did not understand the format of what was sent. Reload the page and try again.");
      case 429 -> new Words("Too many requests at once",
          "This session has many requests on their way. Wait a moment and try again: what you entered is kept.");
      case 431 -> new Words("The request could not be handled",
          "The browser sent more cookies or headers than KAP Companion accepts. Clear this site's cookies, then "
              + "open KAP Companion again from the EHR.");
      case 503 -> new Words("KAP Companion is busy",
          "Wait a moment and try again: what you entered is kept on the page.");
      default -> status < 500
          ? new Words("The request could not be handled",
              "The browser sent something KAP Companion could not use. Go back, or open KAP Companion again from "
                  + "the EHR.")
          : new Words("Something went wrong",
              "KAP Companion hit an unexpected problem. Nothing you saved is lost. Reload the page; if it happens "
                  + "again, tell IT and give them this reference.");
    };
  }

  /**
   * Whether the request came from a page's script or htmx and wants the error as JSON: it sent JSON, asked for it,
   * or is an htmx request.
   */
  static boolean wantsJson(String accept, String contentType, boolean htmx) {
    return htmx || (accept != null && accept.contains("application/json"))
        || (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/json"));
  }

  static boolean wantsJson(HttpServletRequest request) {
    return wantsJson(request.getHeader("Accept"), request.getHeader("Content-Type"),
        request.getHeader("HX-Request") != null);
  }

  /** The JSON error: what to do, and the field it concerns when there is one. */
  static JsonObject json(String advice, Optional<String> field) {
    JsonObject error = JsonAnswer.error(advice);
    field.ifPresent(name -> {
      error.addProperty("field", name);
      JsonArray problems = new JsonArray();
      JsonObject problem = new JsonObject();
      problem.addProperty("message", advice);
      problem.addProperty("location", name);
      problems.add(problem);
      error.add("problems", problems);
    });
    return error;
  }

  /** Answers {@code status} with its own words. */
  void send(HttpServletRequest request, HttpServletResponse response, int status) throws IOException {
    Words words = words(status);
    send(request, response, status, words.title(), words.advice(), Optional.empty());
  }

  /** Answers a refusal: its status, with its own advice. */
  void send(HttpServletRequest request, HttpServletResponse response, RefusedRequest refused) throws IOException {
    send(request, response, refused.status(), words(refused.status()).title(), refused.advice(), refused.field());
  }

  private void send(HttpServletRequest request, HttpServletResponse response, int status, String title, String advice,
      Optional<String> field) throws IOException {
    if (wantsJson(request)) {
      headers.errorPage(response);
      JsonAnswer.send(response, status, json(advice, field));
    } else {
      templates.error(response, status, title, advice);
    }
  }
}
