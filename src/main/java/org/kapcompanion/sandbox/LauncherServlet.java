package org.kapcompanion.sandbox;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.kapcompanion.config.EmbeddedEhr.RegisteredClient;

/**
 * The launcher ({@code /}): pick a practitioner, patient, one of that patient's encounters and the app, then launch it
 * in the mock EHR page ({@code /ehr}, the app in an iframe) or in a new window, with a server-side launch context under
 * a random id. A refused launch shows the form again as it was sent, with the chosen patient's encounters.
 */
final class LauncherServlet extends HttpServlet {

  private static final Pattern REFERENCE = Pattern.compile("[A-Z][A-Za-z]+/[A-Za-z0-9\\-.]{1,64}");

  private final Map<String, RegisteredClient> clients;
  private final ExpiringStore<IssuedLaunchContext> launches;
  private final Directory directory;
  private final SandboxUrls urls;
  private final Pages pages;
  private final Map<String, String> scenarios;
  private final Clock clock;

  LauncherServlet(
      Map<String, RegisteredClient> clients,
      ExpiringStore<IssuedLaunchContext> launches,
      Directory directory,
      SandboxUrls urls,
      Pages pages,
      Map<String, String> scenarios,
      Clock clock) {
    this.clients = clients;
    this.launches = launches;
    this.directory = directory;
    this.urls = urls;
    this.pages = pages;
    this.scenarios = Map.copyOf(scenarios);
    this.clock = clock;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    if (request.getServletPath().equals("/ehr")) {
      showEhr(request.getParameter("launch"), response);
    } else {
      showLauncher(request, response, 200, null);
    }
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    if (!Csrf.isValid(request)) {
      showLauncher(request, response, 403, "The form had expired; please launch again.");
      return;
    }
    Optional<String> problem = validate(request);
    if (problem.isPresent()) {
      showLauncher(request, response, 400, problem.get());
      return;
    }
    String launch = launches.put(launchContext(request));
    String location =
        "window".equals(request.getParameter("mode"))
            ? appLaunchUrl(clients.get(request.getParameter("client")), launch)
            : "/ehr?launch=" + launch;
    response.setStatus(HttpServletResponse.SC_SEE_OTHER);
    response.setHeader("Location", location);
  }

  private Optional<String> validate(HttpServletRequest request) {
    String patient = request.getParameter("patient");
    String encounter = blankToNull(request.getParameter("encounter"));
    if (!clients.containsKey(request.getParameter("client"))) {
      return Optional.of("Choose a registered app.");
    }
    if (directory.practitionerName(request.getParameter("practitioner")).isEmpty()) {
      return Optional.of("Choose a practitioner.");
    }
    if (directory.patientName(patient).isEmpty()) {
      return Optional.of("Choose a patient.");
    }
    if (encounter != null && directory.encounterOf(patient, encounter).isEmpty()) {
      return Optional.of("The encounter does not belong to the chosen patient: choose one of this patient's "
          + "encounters below, or No encounter.");
    }
    if (!fhirContext(request).stream().allMatch(r -> REFERENCE.matcher(r).matches())) {
      return Optional.of("Each fhirContext line must be a reference such as Questionnaire/kap-pre-dose.");
    }
    return Optional.empty();
  }

  private static IssuedLaunchContext launchContext(HttpServletRequest request) {
    return new IssuedLaunchContext(
        request.getParameter("client"),
        request.getParameter("practitioner"),
        request.getParameter("patient"),
        blankToNull(request.getParameter("encounter")),
        LauncherForm.needPatientBanner(request.getParameter("banner"), request.getParameter("need_patient_banner"),
            request.getParameter("mode")),
        blankToNull(request.getParameter("intent")),
        fhirContext(request),
        "true".equals(request.getParameter("legacy_fhir_context")));
  }

  private void showEhr(String launchId, HttpServletResponse response) throws IOException {
    Optional<IssuedLaunchContext> launch = launches.get(launchId);
    if (launch.isEmpty()) {
      pages.error(response, 404, "This launch has expired. Launch the app again from the launcher.");
      return;
    }
    IssuedLaunchContext context = launch.get();
    RegisteredClient client = clients.get(context.clientId());
    Map<String, Object> params = new HashMap<>();
    Directory.ChartPatient patient = directory.chartPatient(context.patientId())
        .orElse(new Directory.ChartPatient("(unknown patient)", null));
    params.put("patient", patient.name());
    params.put("born", patient.born());
    params.put("practitioner", directory.practitionerName(context.practitionerId()).orElse("(unknown)"));
    params.put(
        "encounter",
        context.encounterId() == null
            ? null
            : directory.encounterOf(context.patientId(), context.encounterId()).orElse(null));
    params.put("appName", client.name());
    params.put("launchUrl", appLaunchUrl(client, launchId));
    pages.render(response, 200, "ehr", params);
  }

  private void showLauncher(HttpServletRequest request, HttpServletResponse response, int status, String error)
      throws IOException {
    Map<String, String> clientNames = new LinkedHashMap<>();
    Map<String, String> standalone = new LinkedHashMap<>();
    clients.values().forEach(c -> clientNames.put(c.clientId(), c.name()));
    clients.values().forEach(c -> standalone.put(c.name(), withQuery(c.launchUrl(), "iss=" + enc(fhirBase()))));
    Map<String, String> practitioners = directory.practitioners();
    Map<String, String> patients = directory.patients();
    Map<String, Object> params = new HashMap<>();
    params.put("csrf", Csrf.token(request, response));
    params.put("fhirBase", fhirBase());
    params.put("practitioners", practitioners);
    params.put("practitioner",
        LauncherForm.practitioner(practitioners, directory.therapists(), request.getParameter("practitioner")));
    params.put("patients", LauncherForm.patients(patients, directory.encountersByPatient(), scenarios,
        LocalDate.now(clock)));
    params.put("patient", LauncherForm.patient(patients, request.getParameter("patient")));
    params.put("clients", clientNames);
    params.put("client", request.getParameter("client"));
    params.put("banner", Optional.ofNullable(request.getParameter("banner")).orElse(LauncherForm.BANNER_AS_EHR));
    params.put("standaloneLinks", standalone);
    params.put("error", error);
    pages.render(response, status, "launcher", params);
  }

  /** The app's launch URL with {@code iss} and {@code launch} (SMART App Launch 2.x §EHR launch). */
  private String appLaunchUrl(RegisteredClient client, String launch) {
    return withQuery(client.launchUrl(), "iss=" + enc(fhirBase()) + "&launch=" + enc(launch));
  }

  private String fhirBase() {
    return urls.fhirBase().toString();
  }

  private static List<String> fhirContext(HttpServletRequest request) {
    String text = request.getParameter("fhirContext");
    return text == null
        ? List.of()
        : Arrays.stream(text.split("[\\s,]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private static String withQuery(URI base, String query) {
    String url = base.toString();
    return url + (url.contains("?") ? "&" : "?") + query;
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
