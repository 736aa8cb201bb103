package org.kapcompanion.launch;

import org.kapcompanion.session.AppSession;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.kapcompanion.store.Hashes;

/**
 * The page a browser last opened for one launch (EHR, signed-in user, patient, encounter), kept in a cookie of that
 * browser, so that a launch of the same again (an EHR frame relaunches the app when its page is reloaded) opens that
 * page instead of the first one. A launch for anyone or anything else never matches it.
 */
final class PageMemory {

  static final String PREFIX = "kap_page_";
  private static final Duration KEPT = LaunchService.SESSION_LIFETIME;
  private static final Pattern QUERY = Pattern.compile("[A-Za-z0-9._~%=&+-]{0,200}");

  private final Set<String> pages;

  /** @param pages the session's page paths a launch may return to */
  PageMemory(Set<String> pages) {
    this.pages = Set.copyOf(pages);
  }

  /** Remembers {@code page} when the request is the browser opening it (a navigation, not a page's own fetch). */
  void remember(HttpServletRequest request, HttpServletResponse response, String browserKey, AppSession session,
      String page) {
    if (!"GET".equals(request.getMethod()) || Framing.framed(request).isEmpty()) {
      return;
    }
    String query = Optional.ofNullable(request.getQueryString()).map(q -> "?" + q).orElse("");
    known(page + query).ifPresent(target -> response.addHeader("Set-Cookie", cookieName(browserKey, session) + "="
        + URLEncoder.encode(target, StandardCharsets.UTF_8) + "; Path=/; Max-Age=" + KEPT.toSeconds()
        + "; Secure; HttpOnly; SameSite=None; Partitioned"));
  }

  /** The page this browser last opened for a launch the same as {@code session}, if it is one of the pages. */
  Optional<String> recall(HttpServletRequest request, String browserKey, AppSession session) {
    String name = cookieName(browserKey, session);
    return Optional.ofNullable(request.getCookies()).stream().flatMap(Arrays::stream)
        .filter(cookie -> name.equals(cookie.getName())).map(Cookie::getValue).findFirst()
        .map(value -> URLDecoder.decode(value, StandardCharsets.UTF_8)).flatMap(this::known);
  }

  /**
   * The cookie's name for one launch in one browser: the same for the same EHR, user, patient and encounter, different
   * otherwise; a hash with the browser's secret key, so it tells nothing about the patient.
   */
  static String cookieName(String browserKey, AppSession session) {
    String launch = String.join("\n", browserKey, session.tenantId(), session.fhirUser().orElse(""),
        session.context().patientId().orElse(""), session.context().encounterId().orElse(""));
    return PREFIX + Hashes.sha256(launch).substring(0, 24);
  }

  /** {@code page} (a path under the session, with its query) if it names one of the session's pages. */
  Optional<String> known(String page) {
    String[] parts = page.split("\\?", 2);
    String query = parts.length > 1 ? parts[1] : "";
    return pages.contains(parts[0]) && QUERY.matcher(query).matches() ? Optional.of(page) : Optional.empty();
  }
}
