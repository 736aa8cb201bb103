package org.kapcompanion.launch;

import org.kapcompanion.session.AppSession;
import org.kapcompanion.session.LaunchContext;
import org.kapcompanion.session.SessionPage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.kapcompanion.web.BodyType;
import org.kapcompanion.web.Templates;

class SessionPageRulesTest {

  private static final SessionPage PAGE = (active, request, response) -> {};

  @Test
  void aPatientPageInALaunchWithoutAPatientIsRefusedWithThePageSayingSo() {
    assertThat(SessionPages.refusal(SessionPage.needingPatient(PAGE), "GET", session(Optional.empty())))
        .contains(LaunchError.NO_PATIENT);
    assertThat(SessionPages.refusal(SessionPage.needingPatient(PAGE), "GET", session(Optional.of("p1")))).isEmpty();
    assertThat(SessionPages.refusal(PAGE, "GET", session(Optional.empty()))).isEmpty();
  }

  @Test
  void aMethodThePageDoesNotTakeIs405BeforeThePatientIsLookedFor() {
    SessionPage action = SessionPage.patientAction(PAGE);
    assertThat(SessionPages.refusal(action, "GET", session(Optional.empty())))
        .contains(LaunchError.METHOD_NOT_ALLOWED);
    assertThat(SessionPages.refusal(SessionPage.patientView(PAGE), "POST", session(Optional.of("p1"))))
        .contains(LaunchError.METHOD_NOT_ALLOWED);
    assertThat(SessionPages.refusal(PAGE, "DELETE", session(Optional.of("p1"))))
        .contains(LaunchError.METHOD_NOT_ALLOWED);
    assertThat(LaunchError.METHOD_NOT_ALLOWED.status()).isEqualTo(405);
  }

  @Test
  void declarationsAddUpInAnyOrder() {
    SessionPage jsonFirst = SessionPage.takingJson(SessionPage.patientAction(PAGE));
    SessionPage jsonLast = SessionPage.patientAction(SessionPage.takingJson(PAGE));
    for (SessionPage page : List.of(jsonFirst, jsonLast)) {
      assertThat(page.body()).isEqualTo(BodyType.JSON);
      assertThat(page.methods()).isEqualTo(Set.of("POST"));
      assertThat(page.needsPatient()).isTrue();
    }
  }

  @Test
  void aScriptIsToldInJsonAndABrowserGetsThePage() throws IOException {
    Templates templates = mock(Templates.class);
    HttpServletResponse script = mock(HttpServletResponse.class);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    when(script.getOutputStream()).thenReturn(capturing(body));

    LaunchError.NO_PATIENT.send(true, templates, script);

    verify(script).setStatus(400);
    assertThat(body.toString(StandardCharsets.UTF_8)).startsWith("{\"error\":\"No patient was selected.");
    verifyNoInteractions(templates);

    HttpServletResponse browser = mock(HttpServletResponse.class);
    LaunchError.NO_PATIENT.send(false, templates, browser);
    verify(templates).error(browser, 400, LaunchError.NO_PATIENT.title(), LaunchError.NO_PATIENT.advice());
  }

  private static AppSession session(Optional<String> patientId) {
    return new AppSession("t", URI.create("https://ehr.example.org/fhir"),
        new AppSession.Tokens("token", Optional.empty(), Instant.EPOCH),
        new LaunchContext(patientId, Optional.empty(), false),
        List.of(), List.of(), Optional.of("Practitioner/p1"), false, "csrf", Instant.EPOCH, false);
  }

  private static ServletOutputStream capturing(ByteArrayOutputStream body) {
    return new ServletOutputStream() {
      @Override
      public void write(int b) {
        body.write(b);
      }

      @Override
      public boolean isReady() {
        return true;
      }

      @Override
      public void setWriteListener(WriteListener listener) {}
    };
  }
}
