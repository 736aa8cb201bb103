package org.kapcompanion.launch;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * One authorize redirect in flight, kept server-side under its {@code state} until the callback consumes it.
 *
 * @param tenantId the EHR it was sent to
 * @param codeVerifier the PKCE verifier (SMART App Launch 2.x §2.1.1: S256 required)
 * @param nonce the OpenID nonce the id_token must echo
 * @param requestedScopes the scopes asked for
 * @param standalone whether it started without an EHR {@code launch} parameter
 * @param launch the EHR's launch id, when there was one
 * @param review whether it is a supervisor's standalone sign-in to the review queue
 * @param framed whether the browser opened the launch inside a frame (the EHR's), as it said ({@link Framing})
 */
record PendingLaunch(
    String tenantId,
    String codeVerifier,
    String nonce,
    List<String> requestedScopes,
    boolean standalone,
    Optional<String> launch,
    URI redirectUri,
    boolean review,
    boolean framed) {}
