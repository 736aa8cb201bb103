package org.kapcompanion.sandbox;

import java.util.Arrays;

/**
 * Which EHR the sandbox behaves like. {@code strict} enforces the SMART App Launch 2.2 and FHIR R4 rules the app
 * relies on: client assertions with {@code typ} JWT, RS384/ES384, exactly one {@code aud} (the token endpoint), a
 * single-use {@code jti} and at most five minutes to live; PKCE S256 only; {@code state} echoed; refresh tokens
 * rotated on use; no HTTP/2 cleartext upgrade headers; percent-encoded query values; no encounter in a launch unless
 * the launcher chose one. {@code epic-like} and {@code oracle-like} add, on top of those, the write, search and token
 * limits those vendors publish for their R4 APIs ({@link PersonaRules}; sources in config/README.md).
 */
enum Persona {
  STRICT("strict", PersonaRules.OPEN),
  EPIC_LIKE("epic-like", PersonaRules.EPIC_LIKE),
  ORACLE_LIKE("oracle-like", PersonaRules.ORACLE_LIKE);

  private final String setting;
  private final PersonaRules rules;

  Persona(String setting, PersonaRules rules) {
    this.setting = setting;
    this.rules = rules;
  }

  static Persona of(String setting) {
    return Arrays.stream(values()).filter(p -> p.setting.equals(setting)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown sandbox persona " + setting + " (known: strict, "
            + "epic-like, oracle-like)"));
  }

  String setting() {
    return setting;
  }

  PersonaRules rules() {
    return rules;
  }
}
