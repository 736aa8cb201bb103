package org.kapcompanion.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Optional;

/**
 * What a state-changing endpoint takes in its body: form fields ({@code application/x-www-form-urlencoded}) or JSON
 * ({@code application/json}), in UTF-8 and up to a size; a request without a body passes. Anything else is refused
 * with 415 (other types, other character sets) or 413 (too large) before the body is read.
 */
public enum BodyType {
  FORM("application/x-www-form-urlencoded", CheckedRequest.LARGEST_FORM),
  JSON("application/json", JsonBody.LARGEST);

  private final String mediaType;
  private final long largest;

  BodyType(String mediaType, long largest) {
    this.mediaType = mediaType;
    this.largest = largest;
  }

  /** Refuses a request that carries a body of another type, in another character set, or too large. */
  public void require(HttpServletRequest request) {
    String contentType = request.getHeader("Content-Type");
    if (hasBody(request) && !isSentBy(request)) {
      throw RefusedRequest.unsupportedType("This address takes " + mediaType + " in UTF-8"
          + (contentType == null ? ", and the request did not say what it sent." : ", not " + mediaType(contentType)
              + "."));
    }
    requireReadable(request);
  }

  /** Whether the request says its body is of this type. */
  public boolean isSentBy(HttpServletRequest request) {
    String contentType = request.getHeader("Content-Type");
    return contentType != null && mediaType.equals(mediaType(contentType));
  }

  /** Refuses a body of this type the app would fail to read: not UTF-8 (415) or larger than the limit (413). */
  void requireReadable(HttpServletRequest request) {
    if (!hasBody(request) || !isSentBy(request)) {
      return;
    }
    Optional<String> charset = charset(request.getHeader("Content-Type"));
    if (charset.isPresent() && !charset.get().equals("utf-8") && !charset.get().equals("utf8")) {
      throw RefusedRequest.unsupportedType("What was sent names a character set KAP Companion does not read: send "
          + "UTF-8.");
    }
    if (request.getContentLengthLong() > largest) {
      throw RefusedRequest.tooLarge("What was sent is larger than KAP Companion accepts (" + largest / 1000
          + " kB at most). Send less at once.");
    }
  }

  private static String mediaType(String contentType) {
    return contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
  }

  /** The {@code charset} parameter of a Content-Type, lower case and unquoted. */
  private static Optional<String> charset(String contentType) {
    String[] parts = contentType.split(";");
    for (int i = 1; i < parts.length; i++) {
      String[] parameter = parts[i].split("=", 2);
      if (parameter.length == 2 && parameter[0].trim().equalsIgnoreCase("charset")) {
        return Optional.of(parameter[1].trim().replace("\"", "").toLowerCase(Locale.ROOT));
      }
    }
    return Optional.empty();
  }

  static boolean hasBody(HttpServletRequest request) {
    return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
  }
}
