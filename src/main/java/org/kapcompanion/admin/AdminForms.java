package org.kapcompanion.admin;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * CSRF protection for the admin pages' forms. Browsers send the admin's Basic credentials with any request to the
 * app, so a form post must also carry a token only the app's own page knows: an HMAC of a fixed label keyed with the
 * admin token, which no other site can compute. A cross-site request (by {@code Sec-Fetch-Site}) is refused as well.
 * Bearer-token requests come from scripts, which browsers never send on a user's behalf, and need no form token.
 */
final class AdminForms {

  static final String FIELD = "csrf";
  private static final String LABEL = "kap-companion admin form";

  private final Optional<String> token;

  AdminForms(Optional<String> adminToken) {
    this.token = adminToken.map(AdminForms::hmac);
  }

  /** The value the admin pages' forms carry in {@link #FIELD}; empty while the admin pages are closed. */
  String token() {
    return token.orElse("");
  }

  /** Whether a state-changing request may proceed (the admin token itself was checked by {@link AdminGuard}). */
  boolean accepts(HttpServletRequest request) {
    if (AdminGuard.presentedAsBearer(request)) {
      return true;
    }
    // Read first, so the form body is consumed even when refused: a refusal that left it unread made the server close
    // the kept-alive connection after answering, and a client's next request on it got no answer.
    String sent = request.getParameter(FIELD);
    if ("cross-site".equals(request.getHeader("Sec-Fetch-Site"))) {
      return false;
    }
    return token.isPresent() && sent != null && MessageDigest.isEqual(
        token.get().getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
  }

  private static String hmac(String key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getUrlEncoder().withoutPadding()
          .encodeToString(mac.doFinal(LABEL.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
