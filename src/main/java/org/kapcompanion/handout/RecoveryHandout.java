package org.kapcompanion.handout;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.kapcompanion.config.ClinicalProtocol;

/**
 * The recovery-instructions handout: the clinic's Markdown template with its {@code {{placeholders}}} filled in
 * (values taken literally, never as Markdown), rendered to HTML with raw HTML escaped and unsafe links dropped. Pure.
 */
final class RecoveryHandout {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z]+)\\s*}}");
  private static final Pattern MARKDOWN_PUNCTUATION = Pattern.compile("[\\\\`*_{}\\[\\]()#+\\-.!<>|~&\"']");
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("HH:mm 'on' EEEE d MMMM", Locale.ENGLISH);
  private static final Pattern DISCHARGE_SENTENCE =
      Pattern.compile("[^.!?\\n]*\\{\\{\\s*dischargeTime\\s*}}[^.!?\\n]*[.!?]?[ \\t]*");
  private static final Parser PARSER = Parser.builder().build();
  private static final HtmlRenderer RENDERER = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

  private RecoveryHandout() {}

  /** The placeholder values for a session discharged at {@code discharge}, from the clinic's protocol. */
  static Map<String, String> values(ClinicalProtocol protocol, ZonedDateTime discharge) {
    String nextFollowUp = protocol.followUps().stream().findFirst()
        .map(first -> "around " + WHEN.format(first.dueAfter(discharge)) + " (" + first.amount() + " "
            + unitWord(first) + " after your session)")
        .orElse("the one your clinic arranges with you");
    ClinicalProtocol.Clinic clinic = protocol.clinic();
    return Map.of("clinicName", clinic.name(), "clinicPhone", clinic.phone(), "crisisLine", clinic.crisisLine(),
        "dischargeTime", WHEN.format(discharge), "nextFollowUp", nextFollowUp);
  }

  private static String unitWord(ClinicalProtocol.FollowUp followUp) {
    String plural = followUp.unit().toString().toLowerCase(Locale.ROOT);
    return followUp.amount() == 1 ? plural.substring(0, plural.length() - 1) : plural;
  }

  /**
   * The template for a patient not yet discharged: every sentence that says when they left (holds
   * {@code {{dischargeTime}}}) is left out, so the handout never says "You left …" before discharge.
   */
  static String beforeDischarge(String template) {
    return DISCHARGE_SENTENCE.matcher(template).replaceAll("");
  }

  /** The template with each known placeholder replaced by its value as plain text; unknown ones stay as written. */
  static String fill(String template, Map<String, String> values) {
    Matcher matcher = PLACEHOLDER.matcher(template);
    StringBuilder filled = new StringBuilder();
    while (matcher.find()) {
      String replacement = Optional.ofNullable(values.get(matcher.group(1))).map(RecoveryHandout::literal)
          .orElse(matcher.group());
      matcher.appendReplacement(filled, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(filled);
    return filled.toString();
  }

  /** Markdown to HTML; raw HTML in the template is shown as text, {@code javascript:} and similar links dropped. */
  static String toHtml(String markdown) {
    return RENDERER.render(PARSER.parse(markdown));
  }

  /** A value as Markdown that reads exactly as the value: punctuation escaped, on one line. */
  private static String literal(String value) {
    String oneLine = value.replaceAll("\\s+", " ").strip();
    return MARKDOWN_PUNCTUATION.matcher(oneLine).replaceAll(m -> Matcher.quoteReplacement("\\" + m.group()));
  }
}
