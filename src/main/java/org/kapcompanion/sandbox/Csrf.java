package org.kapcompanion.sandbox;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;

/**
 * CSRF protection for the sandbox's forms by double submission: a random value in a same-site, HTTP-only cookie
 * that each form echoes in a hidden {@code csrf} field.
 */
final class Csrf {

  static final String COOKIE = "sandbox_csrf";
  static final String FIELD = "csrf";

  private Csrf() {}

  /** The token for the forms of this page, setting the cookie when the browser has none yet. */
  static String token(HttpServletRequest request, HttpServletResponse response) {
    return cookie(request)
        .orElseGet(
            () -> {
              String token = ExpiringStore.randomKey();
              Cookie cookie = new Cookie(COOKIE, token);
              cookie.setHttpOnly(true);
              cookie.setPath("/");
              cookie.setAttribute("SameSite", "Lax");
              response.addCookie(cookie);
              return token;
            });
  }

  /** Whether a form submission carries the cookie's token. */
  static boolean isValid(HttpServletRequest request) {
    String submitted = request.getParameter(FIELD);
    return submitted != null
        && cookie(request)
            .map(
                expected ->
                    MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.UTF_8), submitted.getBytes(StandardCharsets.UTF_8)))
            .orElse(false);
  }

  private static Optional<String> cookie(HttpServletRequest request) {
    Cookie[] cookies = request.getCookies();
    return cookies == null
        ? Optional.empty()
        : Arrays.stream(cookies).filter(c -> COOKIE.equals(c.getName())).map(Cookie::getValue).findFirst();
  }
}
