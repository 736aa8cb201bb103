package org.kapcompanion.sandbox;

import java.util.Arrays;

/**
 * Which EHR the sandbox behaves like. {@code strict} enforces the SMART App Launch 2.2 and FHIR R4 rules the app
 * relies on: client assertions with {@code typ} JWT, RS384/ES384, exactly one {@code aud} (the token endpoint), a
 * single-use {@code jti} and at most five minutes to live; PKCE S256 only; {@code state} echoed; refresh tokens
 * rotated on use; no HTTP/2 cleartext upgrade headers; percent-encoded query values; no encounter in a launch unless
 * the launcher chose one.
 */
enum Persona {
  STRICT("strict");

  private final String setting;

  Persona(String setting) {
    this.setting = setting;
  }

  static Persona of(String setting) {
    return Arrays.stream(values()).filter(p -> p.setting.equals(setting)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown sandbox persona " + setting));
  }

  String setting() {
    return setting;
  }
}
