package org.kapcompanion.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.kapcompanion.config.TenantConfig;
import org.kapcompanion.session.AppSession;
import org.kapcompanion.session.LaunchContext;
import org.kapcompanion.writeback.SharedValidator;

class SupervisorRolesTest {

  /** An EHR that does not answer: only the configured list can make someone a supervisor. */
  private static final URI SILENT_EHR = URI.create("http://127.0.0.1:9/fhir");
  private static final SupervisorRoles ROLES = new SupervisorRoles(SharedValidator.FHIR, List.of(
      new TenantConfig("clinic", "Clinic", SILENT_EHR, "kap", TenantConfig.ClientAuth.publicClient(),
          Optional.empty(), List.of(), List.of("Practitioner/listed"))));

  @Test
  void aUserTheTenantListsIsASupervisorWithoutAskingTheEhr() {
    assertThat(ROLES.isSupervisor(session("clinic", Optional.of("Practitioner/listed")))).isTrue();
  }

  @Test
  void anyoneElseIsNotWhenTheEhrDoesNotSaySo() {
    assertThat(ROLES.isSupervisor(session("clinic", Optional.of("Practitioner/other")))).isFalse();
    assertThat(ROLES.isSupervisor(session("other-tenant", Optional.of("Practitioner/listed")))).isFalse();
    assertThat(ROLES.isSupervisor(session("clinic", Optional.empty()))).isFalse();
    assertThat(ROLES.isSupervisor(session("clinic", Optional.of("Patient/listed")))).isFalse();
  }

  private static AppSession session(String tenant, Optional<String> user) {
    return new AppSession(tenant, SILENT_EHR, new AppSession.Tokens("token", Optional.empty(), Instant.EPOCH),
        new LaunchContext(Optional.empty(), Optional.empty(), false),
        List.of(), List.of(), user, false, "csrf", Instant.EPOCH, false);
  }
}
