package org.kapcompanion.review;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.kapcompanion.config.TenantConfig;
import org.kapcompanion.session.AppSession;
import org.kapcompanion.session.EhrClients;
import org.kapcompanion.session.UserRoles;
import org.kapcompanion.vocabulary.Systems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides at sign-in whether the user is a clinical supervisor: the tenant's configuration lists them, or the EHR has
 * an active PractitionerRole of theirs with the SNOMED CT occupation Supervisor (236321002).
 */
final class SupervisorRoles implements UserRoles {

  private static final Logger LOG = LoggerFactory.getLogger(SupervisorRoles.class);
  /** SNOMED CT 236321002 "Supervisor (occupation)", as the sandbox seed's PractitionerRole carries it. */
  private static final String SUPERVISOR_OCCUPATION = "236321002";

  private final FhirContext fhir;
  private final List<TenantConfig> tenants;

  SupervisorRoles(FhirContext fhir, List<TenantConfig> tenants) {
    this.fhir = fhir;
    this.tenants = List.copyOf(tenants);
  }

  @Override
  public boolean isSupervisor(AppSession session) {
    Optional<String> user = session.fhirUser().filter(u -> u.matches(TenantConfig.PRACTITIONER_REFERENCE));
    if (user.isEmpty()) {
      return false;
    }
    boolean listed = tenants.stream().filter(t -> t.id().equals(session.tenantId()))
        .anyMatch(t -> t.supervisors().contains(user.get()));
    return listed || hasSupervisorRole(session, user.get());
  }

  private boolean hasSupervisorRole(AppSession session, String practitioner) {
    try {
      Bundle roles = EhrClients.forSession(fhir, session).search().byUrl("PractitionerRole?practitioner="
          + practitioner + "&_count=50").returnBundle(Bundle.class).execute();
      return roles.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
          .filter(PractitionerRole.class::isInstance).map(PractitionerRole.class::cast)
          .filter(role -> !role.hasActive() || role.getActive())
          .flatMap(role -> role.getCode().stream()).flatMap(code -> code.getCoding().stream())
          .anyMatch(c -> Systems.SNOMED.equals(c.getSystem()) && SUPERVISOR_OCCUPATION.equals(c.getCode()));
    } catch (BaseServerResponseException e) {
      LOG.info("the EHR did not tell the user's roles (HTTP {}); only the configured supervisors apply",
          e.getStatusCode());
      return false;
    } catch (RuntimeException e) {
      LOG.warn("reading the user's roles failed: {}", e.getClass().getName());
      return false;
    }
  }
}
