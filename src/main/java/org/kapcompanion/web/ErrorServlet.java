package org.kapcompanion.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Renders the container's own errors (unknown path, malformed request, wrong method) as the app's error answer. */
final class ErrorServlet extends HttpServlet {

  private final ErrorAnswers answers;

  ErrorServlet(ErrorAnswers answers) {
    this.answers = answers;
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    answers.send(request, response, code instanceof Integer number ? number : 500);
  }
}
