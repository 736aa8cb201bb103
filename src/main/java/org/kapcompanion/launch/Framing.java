package org.kapcompanion.launch;

import org.kapcompanion.session.AppSession;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * Whether a page is shown inside the EHR's own frame, from the browser's {@code Sec-Fetch-Dest} request header
 * (Fetch Metadata): {@code iframe} inside a frame, {@code document} in a window or tab of its own. Outside the frame
 * the EHR's chart is not beside the app, so the app always shows who the patient is.
 */
final class Framing {

  static final String HEADER = "Sec-Fetch-Dest";

  private Framing() {}

  /** Inside a frame (true), in a window of its own (false), or not said (a script's request, an older browser). */
  static Optional<Boolean> framed(String secFetchDest) {
    if (secFetchDest == null) {
      return Optional.empty();
    }
    return switch (secFetchDest.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "iframe", "frame", "embed", "object" -> Optional.of(true);
      case "document" -> Optional.of(false);
      default -> Optional.empty();
    };
  }

  static Optional<Boolean> framed(HttpServletRequest request) {
    return framed(request.getHeader(HEADER));
  }

  /** A launch counts as framed only when the browser said so: a silent browser means a window, so identity shows. */
  static boolean framedLaunch(HttpServletRequest request) {
    return framed(request).orElse(false);
  }

  /** This page's placement: as its own request says, else as the launch was (fragments and scripts say nothing). */
  static boolean framedPage(HttpServletRequest request, AppSession session) {
    return framed(request).orElse(session.framed());
  }
}
