package org.kapcompanion.sandbox;

import java.net.URI;

/**
 * The sandbox's public addresses, all under one origin that differs from the app's.
 *
 * @param origin scheme, host and port, without a trailing slash
 */
record SandboxUrls(String origin) {

  static SandboxUrls of(String host, int port) {
    return new SandboxUrls("http://" + host + ":" + port);
  }

  /** The FHIR base, also the {@code iss} of launches and the {@code aud} of authorization requests. */
  URI fhirBase() {
    return at("/fhir");
  }

  /** The authorization server's issuer identifier (tokens' {@code iss}). */
  URI issuer() {
    return URI.create(origin);
  }

  URI authorize() {
    return at("/auth/authorize");
  }

  URI token() {
    return at("/auth/token");
  }

  URI introspect() {
    return at("/auth/introspect");
  }

  URI revoke() {
    return at("/auth/revoke");
  }

  URI jwks() {
    return at("/auth/jwks");
  }

  URI launcher() {
    return at("/");
  }

  URI smartStyle() {
    return at("/static/smart-style.json");
  }

  /** The absolute URL of a resource, as used in {@code fhirUser}. */
  URI resource(String type, String id) {
    return at("/fhir/" + type + "/" + id);
  }

  private URI at(String path) {
    return URI.create(origin + path);
  }
}
