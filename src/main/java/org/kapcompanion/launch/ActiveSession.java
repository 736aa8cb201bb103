package org.kapcompanion.launch;

/**
 * The session a request belongs to, resolved from the handle in its path and the browser's cookie.
 *
 * @param handle the opaque handle in the page URL
 * @param session the session itself, with a working access token
 */
public record ActiveSession(String handle, AppSession session) {

  /** The URL path under which this session's pages live, ending in "/". */
  public String basePath() {
    return "/s/" + handle + "/";
  }
}
