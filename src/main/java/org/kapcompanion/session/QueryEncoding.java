package org.kapcompanion.session;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.client.api.IHttpRequest;
import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

/**
 * Percent-encodes every query value of a FHIR request the app sends, whoever built the URL (HAPI's search builder,
 * a search URL written as text, a server's next-page link): everything but RFC 3986 unreserved characters and the
 * FHIR "or" separator {@code ,} is encoded, so {@code /}, {@code :} and {@code |} in token values cannot be
 * rewritten by a gateway (some collapse {@code //}, and the search then silently finds nothing). Names are left as
 * written, so modifiers such as {@code code:text} keep their meaning.
 */
@Interceptor
public final class QueryEncoding {

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  @Hook(Pointcut.CLIENT_REQUEST)
  public void encode(IHttpRequest request) {
    String encoded = encoded(request.getUri());
    if (!encoded.equals(request.getUri())) {
      request.setUri(encoded);
    }
  }

  /** The URL with each query value decoded once and encoded again per RFC 3986 §2 and §3.4. */
  public static String encoded(String url) {
    int question = url.indexOf('?');
    if (question < 0 || question == url.length() - 1) {
      return url;
    }
    int hash = url.indexOf('#', question);
    String query = hash < 0 ? url.substring(question + 1) : url.substring(question + 1, hash);
    StringJoiner pairs = new StringJoiner("&");
    for (String pair : query.split("&", -1)) {
      int equals = pair.indexOf('=');
      pairs.add(equals < 0 ? pair : pair.substring(0, equals + 1) + value(pair.substring(equals + 1)));
    }
    return url.substring(0, question + 1) + pairs + (hash < 0 ? "" : url.substring(hash));
  }

  private static String value(String raw) {
    String decoded;
    try {
      decoded = URLDecoder.decode(raw, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      decoded = raw;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte b : decoded.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xFF);
      if (isUnreserved(c) || c == ',') {
        out.write(c);
      } else {
        out.write('%');
        out.write(HEX[(b >> 4) & 0xF]);
        out.write(HEX[b & 0xF]);
      }
    }
    return out.toString(StandardCharsets.US_ASCII);
  }

  private static boolean isUnreserved(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
        || c == '-' || c == '.' || c == '_' || c == '~';
  }
}
