package org.kapcompanion.web;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpException;

/**
 * A request refused at the boundary before the app used it (400, 408, 413 or 415), with the field it concerns and what
 * the sender can do about it. Carries no cause: nothing of the refused input reaches a page or a log.
 */
final class RefusedRequest extends RuntimeException {

  private final int status;
  private final Optional<String> field;
  private final String advice;

  private RefusedRequest(int status, Optional<String> field, String advice) {
    super(null, null, false, false);
    this.status = status;
    this.field = field;
    this.advice = advice;
  }

  /** A field whose value breaks {@link InputRule}; {@code breach} says how. */
  static RefusedRequest field(String name, String breach) {
    return new RefusedRequest(400, Optional.of(name), "The field \"" + name + "\" " + breach + ".");
  }

  /** A value {@link StrictValue} refused: its field and its own message, which names the field. */
  static RefusedRequest invalid(InvalidValue invalid) {
    return new RefusedRequest(400, Optional.of(invalid.field()), invalid.message());
  }

  static RefusedRequest malformed(String advice) {
    return new RefusedRequest(400, Optional.empty(), advice);
  }

  static RefusedRequest tooLarge(String advice) {
    return new RefusedRequest(413, Optional.empty(), advice);
  }

  static RefusedRequest tooSlow() {
    return new RefusedRequest(408, Optional.empty(),
        "What was sent arrived too slowly and was not used. Check the network connection and send it again.");
  }

  static RefusedRequest unsupportedType(String advice) {
    return new RefusedRequest(415, Optional.empty(), advice);
  }

  /**
   * Why Jetty or the app could not read a request body ({@code failure} from parsing it), as a refusal: too slow, not
   * UTF-8, an unknown charset, too many fields or too large. The failure's own text is never passed on.
   */
  static RefusedRequest unreadableBody(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof TimeoutException) {
        return tooSlow();
      }
      if (cause instanceof UnsupportedCharsetException || cause instanceof IllegalCharsetNameException) {
        return unsupportedType("What was sent names a character set KAP Companion does not read: send UTF-8.");
      }
      if (cause instanceof CharacterCodingException || cause.getClass().getName().contains("Utf8")) {
        return malformed("What was sent holds text that is not valid UTF-8. Reload the page and send it again.");
      }
      String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
      if (message.contains("too many")) {
        return malformed("What was sent holds more than " + CheckedRequest.MOST_FIELDS + " fields.");
      }
      if (message.contains("too large") || (cause instanceof HttpException http && http.getCode() == 413)) {
        return tooLarge("What was sent is larger than KAP Companion accepts. Send less at once.");
      }
    }
    return malformed("What was sent could not be read. Reload the page and send it again.");
  }

  int status() {
    return status;
  }

  Optional<String> field() {
    return field;
  }

  String advice() {
    return advice;
  }
}
