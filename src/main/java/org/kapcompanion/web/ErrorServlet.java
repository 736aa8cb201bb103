package org.kapcompanion.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Renders the container's own errors (unknown path, malformed request, wrong method) as a plain page. */
final class ErrorServlet extends HttpServlet {

  private final Templates templates;

  ErrorServlet(Templates templates) {
    this.templates = templates;
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = code instanceof Integer number ? number : 500;
    if (status == 404) {
      templates.error(response, 404, "Page not found",
          "This address does not exist in KAP Companion. Open it again from the EHR.");
    } else if (status < 500) {
      templates.error(response, status, "The request could not be handled",
          "The browser sent something KAP Companion could not use. Go back, or launch again from the EHR.");
    } else {
      templates.error(response, status, "Something went wrong",
          "KAP Companion hit an unexpected problem. Reload the page; if it happens again, tell IT.");
    }
  }
}
