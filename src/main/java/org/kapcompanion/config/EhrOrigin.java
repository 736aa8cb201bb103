package org.kapcompanion.config;

import java.net.IDN;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rule for an EHR origin in {@code allowedEhrOrigins}, which goes verbatim into the app's {@code frame-ancestors}:
 * exactly {@code scheme://host[:port]}; https, or http for this machine only (localhost, 127.0.0.1, [::1]); a host
 * written out in full (no wildcard), internationalised names in their ASCII (punycode) form; nothing else — no path,
 * query, user, whitespace, quote or semicolon that could change the policy.
 */
final class EhrOrigin {

  private static final Pattern ORIGIN =
      Pattern.compile("(https?)://([^/?#:\\[\\]]+|\\[[0-9a-fA-F:.]+\\])(?::(\\d{1,5}))?");
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  private static final String EXAMPLE = "write scheme and host only, e.g. \"https://ehr.example.org\" (no path, no "
      + "trailing slash)";

  private EhrOrigin() {}

  /** What is wrong with an origin, and how to fix it. */
  record Problem(String what, String fix) {}

  /** What is wrong with {@code origin} and how to fix it, or empty when it keeps to the rule. */
  static Optional<Problem> problem(String origin) {
    String quoted = "\"" + origin + "\"";
    if (origin.contains("*")) {
      return Optional.of(new Problem(quoted + " holds a wildcard, which would let any site matching it frame the app",
          "list each EHR web client's origin exactly, e.g. \"https://ehr.example.org\""));
    }
    if (origin.chars().anyMatch(Character::isWhitespace)) {
      return Optional.of(new Problem(quoted + " holds whitespace", "write one origin per list item, without spaces, "
          + "e.g. [\"https://ehr.example.org\", \"https://ehr2.example.org\"]"));
    }
    Matcher matcher = ORIGIN.matcher(origin);
    if (!matcher.matches()) {
      return Optional.of(new Problem(quoted + " is not an origin", EXAMPLE));
    }
    String scheme = matcher.group(1);
    String host = matcher.group(2);
    String port = matcher.group(3) == null ? "" : ":" + matcher.group(3);
    if (!port.isEmpty() && (port.startsWith(":0") || Integer.parseInt(port.substring(1)) > 65535)) {
      return Optional.of(new Problem(quoted + " has a port that is not a port number",
          "write a port from 1 to 65535, or leave the port out"));
    }
    boolean bracketed = host.startsWith("[");
    if (!bracketed && !host.chars().allMatch(c -> c < 128)) {
      return Optional.of(new Problem(quoted + " has a host with letters outside ASCII",
          "write the host in its ASCII (punycode) form: \"" + scheme + "://" + ascii(host) + port + "\""));
    }
    if (!bracketed && !validHost(host)) {
      return Optional.of(new Problem(quoted + " does not have a valid host name (letters, digits, dashes and dots)",
          EXAMPLE));
    }
    if (!host.equals(host.toLowerCase(Locale.ROOT))) {
      return Optional.of(new Problem(quoted + " has capital letters",
          "write \"" + scheme + "://" + host.toLowerCase(Locale.ROOT) + port + "\""));
    }
    boolean local = host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
    if (bracketed && !local) {
      return Optional.of(new Problem(quoted + " is an IPv6 address", "name the EHR by its host name, e.g. "
          + "\"https://ehr.example.org\""));
    }
    if (scheme.equals("http") && !local) {
      return Optional.of(new Problem(quoted + " uses http, so anyone on the network path could frame the app as the "
          + "EHR", "write the EHR's https origin (http is accepted for localhost, 127.0.0.1 and [::1] only)"));
    }
    return Optional.empty();
  }

  private static boolean validHost(String host) {
    if (host.length() > 253 || host.endsWith(".")) {
      return false;
    }
    for (String label : host.toLowerCase(Locale.ROOT).split("\\.", -1)) {
      if (!LABEL.matcher(label).matches()) {
        return false;
      }
    }
    return true;
  }

  private static String ascii(String host) {
    try {
      return IDN.toASCII(host, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return "xn--…";
    }
  }
}
