package org.kapcompanion.admin;

import java.net.URI;
import java.util.Optional;

/** The outcome of checking one tenant's endpoints: a capability report, or why the endpoints could not be read. */
public sealed interface EndpointStatus {

  String tenantId();

  String displayName();

  URI fhirBase();

  /** Whether the app can work with this tenant. */
  boolean ok();

  /**
   * Both documents were read.
   *
   * @param tls whether they came over https (the TLS handshake succeeded with a trusted certificate)
   * @param tokenEndpoint the token endpoint the SMART configuration names, empty when it names none
   */
  record Checked(String tenantId, String displayName, URI fhirBase, boolean tls, CapabilityReport report,
      Optional<URI> tokenEndpoint) implements EndpointStatus {

    @Override
    public boolean ok() {
      return report.ok();
    }
  }

  /** The endpoints could not be read; {@code reason} says what happened and what to check. */
  record Unreachable(String tenantId, String displayName, URI fhirBase, String reason) implements EndpointStatus {

    @Override
    public boolean ok() {
      return false;
    }
  }
}
