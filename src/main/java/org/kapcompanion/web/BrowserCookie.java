package org.kapcompanion.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * The browser key: a random value in a cookie that binds launches and sessions to the browser that started them.
 * {@code SameSite=None; Secure; HttpOnly} so it works inside an EHR iframe, and {@code Partitioned} (CHIPS) so it
 * still works where third-party cookies are blocked.
 */
public final class BrowserCookie {

  public static final String NAME = "kap_browser";
  private static final SecureRandom RANDOM = new SecureRandom();

  private BrowserCookie() {}

  public static Optional<String> read(HttpServletRequest request) {
    Cookie[] cookies = request.getCookies();
    if (cookies == null) {
      return Optional.empty();
    }
    return Arrays.stream(cookies).filter(c -> NAME.equals(c.getName())).map(Cookie::getValue)
        .filter(v -> v.matches("[A-Za-z0-9_-]{43}")).findFirst();
  }

  /** The browser's key, created and set on the response when it has none yet. */
  public static String ensure(HttpServletRequest request, HttpServletResponse response) {
    return read(request).orElseGet(() -> {
      byte[] bytes = new byte[32];
      RANDOM.nextBytes(bytes);
      String key = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      response.addHeader("Set-Cookie", NAME + "=" + key
          + "; Path=/; Secure; HttpOnly; SameSite=None; Partitioned");
      return key;
    });
  }
}
