package org.kapcompanion.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.kapcompanion.session.ActiveSession;
import org.kapcompanion.session.AppSession;
import org.kapcompanion.session.LaunchContext;
import org.kapcompanion.web.Templates;

/**
 * Every review route answers methods and permissions through its guard's declarations: views take GET, actions
 * POST (others are refused 405 like any session page), and an action's permission is checked before it runs.
 */
class ReviewGuardTest {

  private static final List<String> READS = List.of("user/Encounter.rs", "user/Task.rs");
  private static final List<String> READS_AND_WRITES = List.of("user/Encounter.rs", "user/Task.cruds",
      "user/Provenance.c");

  private final Templates templates = mock(Templates.class);
  private final ReviewGuard.Handler handler = mock(ReviewGuard.Handler.class);
  private final HttpServletRequest request = mock(HttpServletRequest.class);
  private final HttpServletResponse response = mock(HttpServletResponse.class);

  @Test
  void viewsTakeGetAndActionsTakeOnlyPost() {
    assertThat(ReviewGuard.view(handler, templates).methods()).isEqualTo(Set.of("GET", "HEAD"));
    for (ReviewGuard.Permission permission : ReviewGuard.Permission.values()) {
      assertThat(ReviewGuard.action(handler, permission, templates).methods()).isEqualTo(Set.of("POST"));
    }
  }

  @Test
  void aSupervisorWhoMayOnlyReadIsRefusedCoSignAndPickupBeforeTheActionRuns() throws IOException {
    ActiveSession readOnly = active(READS, Optional.of("Practitioner/sup-1"));
    for (ReviewGuard.Permission permission : List.of(ReviewGuard.Permission.CO_SIGN,
        ReviewGuard.Permission.PICK_UP)) {
      ReviewGuard.action(handler, permission, templates).handle(readOnly, request, response);
    }
    verify(templates).error(eq(response), eq(403), eq("Co-signing is not available to you"), anyString());
    verify(templates).error(eq(response), eq(403),
        eq("Looking for sessions recorded elsewhere is not available to you"), anyString());
    verifyNoInteractions(handler);
  }

  @Test
  void coSigningNeedsTheSupervisorsIdentityAsWellAsTheScopes() throws IOException {
    ReviewGuard.action(handler, ReviewGuard.Permission.CO_SIGN, templates)
        .handle(active(READS_AND_WRITES, Optional.empty()), request, response);
    verify(templates).error(eq(response), eq(403), eq("Co-signing is not available to you"), anyString());
    verifyNoInteractions(handler);
  }

  @Test
  void aSupervisorWithThePermissionReachesTheAction() throws IOException {
    ActiveSession allowed = active(READS_AND_WRITES, Optional.of("Practitioner/sup-1"));
    ReviewGuard.action(handler, ReviewGuard.Permission.CO_SIGN, templates).handle(allowed, request, response);
    verify(handler).handle(eq(allowed), eq(new ReviewAccess(Optional.empty(), true, true)), eq(request),
        eq(response));
    verifyNoInteractions(templates);
  }

  private static ActiveSession active(List<String> scopes, Optional<String> user) {
    AppSession session = new AppSession("t", URI.create("https://ehr.example.org/fhir"),
        new AppSession.Tokens("token", Optional.empty(), Instant.EPOCH),
        new LaunchContext(Optional.empty(), Optional.empty(), false), scopes, List.of(), user, true, "csrf",
        Instant.EPOCH, false);
    return new ActiveSession("h", session, null);
  }
}
