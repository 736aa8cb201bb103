package org.kapcompanion.config;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * One EHR the app is registered with.
 *
 * @param id a short name used in logs, URLs and the {@code check} command
 * @param displayName what users and admins see
 * @param fhirBaseUrl the FHIR base URL, which is the {@code iss} of its launches
 * @param clientId the client id the EHR issued to the app
 * @param clientAuth how the app authenticates at the token endpoint
 * @param scopes scopes to request instead of the negotiated default, if set
 * @param allowedEhrOrigins origins allowed to frame the app ({@code frame-ancestors})
 * @param supervisors users ({@code fhirUser}, e.g. {@code Practitioner/123}) who may review and co-sign sessions
 *     although the EHR does not say so through a supervisor PractitionerRole
 */
public record TenantConfig(
    String id,
    String displayName,
    URI fhirBaseUrl,
    String clientId,
    ClientAuth clientAuth,
    Optional<String> scopes,
    List<String> allowedEhrOrigins,
    List<String> supervisors) {

  /** What a {@code fhirUser} naming a practitioner looks like, relative to the FHIR base. */
  public static final String PRACTITIONER_REFERENCE = "Practitioner/[A-Za-z0-9\\-.]{1,64}";

  public TenantConfig {
    allowedEhrOrigins = List.copyOf(allowedEhrOrigins);
    supervisors = List.copyOf(supervisors);
  }

  /** How the app authenticates to the token endpoint. */
  public enum AuthMethod {
    NONE("none"),
    CLIENT_SECRET_BASIC("client_secret_basic"),
    CLIENT_SECRET_POST("client_secret_post"),
    PRIVATE_KEY_JWT("private_key_jwt");

    private final String value;

    AuthMethod(String value) {
      this.value = value;
    }

    public String value() {
      return value;
    }

    public static Optional<AuthMethod> parse(String value) {
      for (AuthMethod method : values()) {
        if (method.value.equals(value)) {
          return Optional.of(method);
        }
      }
      return Optional.empty();
    }
  }

  /**
   * Client authentication settings.
   *
   * @param method the method registered with the EHR
   * @param secret the client secret, for the secret methods
   * @param algorithm RS384 or ES384, for {@code private_key_jwt}
   */
  public record ClientAuth(AuthMethod method, Optional<String> secret, Optional<String> algorithm) {

    public static ClientAuth publicClient() {
      return new ClientAuth(AuthMethod.NONE, Optional.empty(), Optional.empty());
    }

    @Override
    public String toString() {
      return "ClientAuth[method=" + method.value() + ", algorithm=" + algorithm.orElse("-") + "]";
    }
  }
}
