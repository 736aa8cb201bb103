package org.kapcompanion.sandbox;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.kapcompanion.sandbox.AuthorizeFlow.Outcome;
import org.kapcompanion.sandbox.AuthorizeFlow.PendingLogin;
import org.kapcompanion.sandbox.AuthorizeFlow.Redirect;
import org.kapcompanion.sandbox.AuthorizeFlow.ShowError;
import org.kapcompanion.sandbox.AuthorizeFlow.ShowLogin;
import org.kapcompanion.sandbox.AuthorizeFlow.ShowPatientPicker;

/**
 * The authorization endpoint ({@code /auth/authorize}, GET or form POST) and the standalone launch's sign-in
 * ({@code /auth/login}) and patient picker ({@code /auth/patient}) pages.
 */
final class AuthorizeServlet extends HttpServlet {

  private final AuthorizeFlow flow;
  private final Directory directory;
  private final Pages pages;

  AuthorizeServlet(AuthorizeFlow flow, Directory directory, Pages pages) {
    this.flow = flow;
    this.directory = directory;
    this.pages = pages;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    switch (request.getServletPath()) {
      case "/auth/authorize" -> answer(flow.authorize(parameters(request)), request, response);
      case "/auth/login" -> answer(new ShowLogin(request.getParameter("request"), null), request, response);
      case "/auth/patient" -> answer(new ShowPatientPicker(request.getParameter("request")), request, response);
      default -> response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    if (request.getServletPath().equals("/auth/authorize")) {
      answer(flow.authorize(parameters(request)), request, response);
      return;
    }
    if (!Csrf.isValid(request)) {
      pages.error(response, HttpServletResponse.SC_FORBIDDEN, "This form has expired. Start the launch again.");
      return;
    }
    String requestId = request.getParameter("request");
    switch (request.getServletPath()) {
      case "/auth/login" -> answer(
          flow.login(requestId, request.getParameter("practitioner"), request.getParameter("password")),
          request,
          response);
      case "/auth/patient" -> answer(flow.pickPatient(requestId, request.getParameter("patient")), request, response);
      default -> response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }
  }

  private void answer(Outcome outcome, HttpServletRequest request, HttpServletResponse response) throws IOException {
    if (outcome instanceof Redirect redirect) {
      response.setHeader("Cache-Control", "no-store");
      response.setStatus(HttpServletResponse.SC_FOUND);
      response.setHeader("Location", redirect.location().toString());
    } else if (outcome instanceof ShowError error) {
      pages.error(response, HttpServletResponse.SC_BAD_REQUEST, error.message());
    } else if (outcome instanceof ShowLogin login) {
      showLogin(login, request, response);
    } else if (outcome instanceof ShowPatientPicker picker) {
      showPatientPicker(picker, request, response);
    }
  }

  private void showLogin(ShowLogin login, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    PendingLogin pending = flow.pending(login.requestId()).orElse(null);
    if (pending == null) {
      pages.error(response, HttpServletResponse.SC_BAD_REQUEST, "This sign-in has expired. Start the launch again.");
      return;
    }
    Map<String, Object> params = new HashMap<>();
    params.put("csrf", Csrf.token(request, response));
    params.put("requestId", login.requestId());
    params.put("appName", pending.request().client().name());
    params.put("practitioners", directory.practitioners());
    params.put("password", AuthorizeFlow.SANDBOX_PASSWORD);
    params.put("error", login.error());
    pages.render(response, login.error() == null ? 200 : 400, "login", params);
  }

  private void showPatientPicker(ShowPatientPicker picker, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    PendingLogin pending = flow.pending(picker.requestId()).filter(p -> p.practitionerId() != null).orElse(null);
    if (pending == null) {
      pages.error(response, HttpServletResponse.SC_BAD_REQUEST, "This sign-in has expired. Start the launch again.");
      return;
    }
    pages.render(
        response,
        200,
        "patient",
        Map.of(
            "csrf", Csrf.token(request, response),
            "requestId", picker.requestId(),
            "appName", pending.request().client().name(),
            "patients", directory.patients()));
  }

  /** The request's parameters, the first value of each (query string or form body). */
  private static Map<String, String> parameters(HttpServletRequest request) {
    Map<String, String> params = new HashMap<>();
    request.getParameterMap().forEach((name, values) -> params.put(name, values.length == 0 ? null : values[0]));
    return params;
  }
}
