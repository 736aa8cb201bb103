/**
 * The sandbox EHR: a HAPI FHIR JPA R4 server on an embedded H2 file database, a SMART App Launch 2.x authorization
 * server whose scopes the FHIR server enforces, and a launcher that performs real EHR launches of registered apps.
 * The app starts it through {@link org.kapcompanion.config.EmbeddedEhr.Provider} and never imports this package.
 *
 * <p>Paths, all on the sandbox's own origin: {@code /fhir} (FHIR base and launch {@code iss}),
 * {@code /fhir/.well-known/smart-configuration}, {@code /.well-known/openid-configuration}, {@code /auth/authorize},
 * {@code /auth/token}, {@code /auth/introspect}, {@code /auth/revoke}, {@code /auth/jwks}, {@code /auth/login} and
 * {@code /auth/patient} (standalone sign-in), {@code /} (launcher), {@code /launch} (form target), {@code /ehr}
 * (mock EHR page framing the app) and {@code /static/} (stylesheet, SMART style).
 */
package org.kapcompanion.sandbox;
