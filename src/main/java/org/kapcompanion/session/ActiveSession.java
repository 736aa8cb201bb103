package org.kapcompanion.session;

import java.util.Optional;

/**
 * The session a request belongs to, resolved from the handle in its path and the browser's cookie.
 *
 * @param handle the opaque handle in the page URL
 * @param session the session itself, with a working access token
 * @param renewal where its FHIR clients get a new access token when the EHR rejects the current one
 */
public record ActiveSession(String handle, AppSession session, SessionBearer.Renewal renewal) {

  /** A session whose rejected access token is not renewed: the EHR's 401 stands. */
  public ActiveSession(String handle, AppSession session) {
    this(handle, session, rejected -> Optional.empty());
  }

  /** The URL path under which this session's pages live, ending in "/". */
  public String basePath() {
    return "/s/" + handle + "/";
  }
}
