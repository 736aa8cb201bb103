package org.kapcompanion.web;

import java.util.Locale;
import java.util.Optional;

/**
 * What every submitted value (query parameter, form field, JSON string) must keep to: no control characters — C0
 * other than TAB, LF and CR, DEL, C1 — no noncharacters U+FFFE/U+FFFF, no lone surrogates, no bidirectional
 * embedding, override or isolate controls (U+202A–U+202E, U+2066–U+2069); TAB, LF and CR only in multi-line
 * (free-text) fields; at most {@link #LONGEST_VALUE} characters. {@code static/input-rule.js} checks the same in the
 * browser before a form is sent.
 */
final class InputRule {

  /** The backstop for any one value; fields have their own, shorter limits where they need them. */
  static final int LONGEST_VALUE = 10_000;
  /** A field's name is never free text and never long. */
  static final int LONGEST_NAME = 200;

  private InputRule() {}

  /**
   * Why {@code value} is refused, if it is: what it holds and where (1-based character position), in words a
   * clinician can act on.
   */
  static Optional<String> breach(String value, boolean multiLine, int longest) {
    if (value.length() > longest) {
      return Optional.of("is longer than " + String.format(Locale.ROOT, "%,d", longest) + " characters ("
          + String.format(Locale.ROOT, "%,d", value.length()) + "): shorten it");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (refused(value, i, multiLine)) {
        return Optional.of("holds " + describe(c) + " at character " + (i + 1)
            + ": delete it (retype the text around it, or paste it as plain text)");
      }
      if (Character.isHighSurrogate(c)) {
        i++;
      }
    }
    return Optional.empty();
  }

  private static boolean refused(String value, int i, boolean multiLine) {
    char c = value.charAt(i);
    if (c == '\t' || c == '\n' || c == '\r') {
      return !multiLine;
    }
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1));
    }
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0xFFFE || c == 0xFFFF || Character.isLowSurrogate(c)
        || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
  }

  private static String describe(char c) {
    String code = String.format(Locale.ROOT, "U+%04X", (int) c);
    if (c == '\t' || c == '\n' || c == '\r') {
      return "a tab or line break (" + code + "), which this one-line field does not take";
    }
    if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)) {
      return "an invisible text-direction control (" + code + ")";
    }
    return "an invisible control character (" + code + ")";
  }
}
