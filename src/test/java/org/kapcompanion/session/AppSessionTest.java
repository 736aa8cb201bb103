package org.kapcompanion.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AppSessionTest {

  @Test
  void grantedScopesAreReadByLevelTypeAndPermission() {
    AppSession session = session(List.of("openid", "user/*.read", "user/Task.cu", "patient/Provenance.write"));
    assertThat(session.grants("user", "Encounter", 's')).isTrue();
    assertThat(session.grants("user", "Encounter", 'c')).isFalse();
    assertThat(session.grants("user", "Task", 'u')).isTrue();
    assertThat(session.grants("patient", "Provenance", 'c')).isTrue();
    assertThat(session.grants("user", "Provenance", 'c')).isFalse();
  }

  @Test
  void theSupervisorMarkIsKeptWhenTokensAreRefreshed() {
    AppSession supervisor = session(List.of()).withSupervisor(true);
    assertThat(supervisor.withTokens(new AppSession.Tokens("new", Optional.empty(), Instant.EPOCH)).supervisor())
        .isTrue();
  }

  private static AppSession session(List<String> scopes) {
    return new AppSession("t", URI.create("https://ehr.example.org/fhir"),
        new AppSession.Tokens("token", Optional.empty(), Instant.EPOCH),
        new LaunchContext(Optional.empty(), Optional.empty(), false),
        scopes, List.of(), Optional.of("Practitioner/p1"), false, "csrf", Instant.EPOCH, false);
  }
}
