package org.kapcompanion.monitoring;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.kapcompanion.recorded.AdverseEvent;
import org.kapcompanion.recorded.Dose;
import org.kapcompanion.recorded.Reading;
import org.kapcompanion.vocabulary.AdverseEventCode;
import org.kapcompanion.vocabulary.Coded;
import org.kapcompanion.vocabulary.Drug;
import org.kapcompanion.vocabulary.ReadingKind;
import org.kapcompanion.vocabulary.Route;
import org.kapcompanion.web.StrictValue;

/**
 * Parses what the workspace page sends for one entry ({@code {id, kind, effective, …}}) into the entry it
 * describes. Every value is read once, strictly ({@link StrictValue}), numbers as the text typed: readings as whole
 * numbers within their kind's range, the dose as an exact decimal with a point (a comma is refused, never read as
 * 10×), the time within the session's {@link Window}; anything else is refused with
 * {@link IllegalArgumentException} (an {@link org.kapcompanion.web.InvalidValue.Refused} naming the field).
 */
final class EntryRequest {

  /** The one free-text member: a note's or an adverse event's text, which may hold line breaks. */
  static final String TEXT = "text";
  /** The member of a dose naming the doses the page showed, see {@link #knownDoses}. */
  static final String KNOWN_DOSES = "knownDoses";
  /** The longest note or adverse-event text. */
  static final int MAX_TEXT = 4_000;
  /** The longest lot number (the page's field takes as many). */
  static final int MAX_LOT = 40;
  /** The dose in mg: more than 0, at most 1,000, to two decimal places. */
  static final StrictValue.Range DOSE_MG = new StrictValue.Range(new BigDecimal("0.01"), BigDecimal.valueOf(1000), 2);

  /**
   * When an entry may say it happened: from the minute the running session started (without one, a note from 6 hours
   * before now) to 5 minutes ahead of now (a device clock a little fast).
   */
  record Window(Instant from, Instant to, ZoneId zone) {

    static final Duration WITHOUT_SESSION = Duration.ofHours(6);
    static final Duration AHEAD = Duration.ofMinutes(5);

    static Window of(Optional<Instant> sessionStart, Instant now, ZoneId zone) {
      Instant from = sessionStart.map(start -> start.truncatedTo(ChronoUnit.MINUTES))
          .orElse(now.minus(WITHOUT_SESSION));
      return new Window(from, now.plus(AHEAD), zone);
    }
  }

  private EntryRequest() {}

  static String id(JsonObject json) {
    JsonElement id = json.get("id");
    String text = id != null && id.isJsonPrimitive() ? id.getAsString() : "";
    try {
      if (UUID.fromString(text).toString().equals(text)) {
        return text;
      }
    } catch (IllegalArgumentException malformed) {
      // refused below
    }
    throw new IllegalArgumentException("send the entry's id (a UUID): reload the page");
  }

  static String kind(JsonObject json) {
    JsonElement kind = json.get("kind");
    if (kind == null || !kind.isJsonPrimitive() || !kind.getAsJsonPrimitive().isString()) {
      throw new IllegalArgumentException("send the entry's kind: reload the page");
    }
    return kind.getAsString();
  }

  static Instant effective(JsonObject json, Window window) {
    return StrictValue.moment("effective", "The time", json.get("effective"), window.zone(), window.from(),
        window.to()).orRefuse();
  }

  /**
   * A note; its text may be left empty when quick tags are chosen (two taps: a tag, then save), and then reads as
   * the tags' names from {@code known}. Every tag must be one of {@code known}.
   */
  static SessionNote note(JsonObject json, List<QuickTag> known, Window window) {
    List<String> tags = new ArrayList<>();
    JsonElement tagList = json.get("tags");
    if (tagList != null && !tagList.isJsonNull()) {
      if (!tagList.isJsonArray()) {
        throw new IllegalArgumentException("send the quick tags as a list: reload the page");
      }
      tagList.getAsJsonArray().forEach(tag -> tags.add(tagName(tag, known)));
    }
    String typed = string(json, TEXT);
    String text = typed.isBlank() && !tags.isEmpty() ? String.join(", ", tags.stream()
        .map(code -> known.stream().filter(tag -> tag.code().equals(code)).findFirst().orElseThrow().display())
        .toList()) : StrictValue.text(TEXT, "The note", typed, MAX_TEXT, true).orRefuse();
    return new SessionNote(id(json), effective(json, window), text, tags);
  }

  private static String tagName(JsonElement tag, List<QuickTag> known) {
    String code = tag.isJsonPrimitive() && tag.getAsJsonPrimitive().isString() ? tag.getAsString() : "";
    if (known.stream().noneMatch(quickTag -> quickTag.code().equals(code))) {
      throw new IllegalArgumentException("unknown quick tag: choose one the page offers");
    }
    return code;
  }

  static Dose dose(JsonObject json, Window window) {
    BigDecimal mg = StrictValue.typedNumber("mg", "The dose (mg)", json.get("mg"), DOSE_MG).orRefuse();
    Drug drug = Coded.byValue(Drug.class, string(json, "drug"))
        .orElseThrow(() -> new IllegalArgumentException("unknown drug"));
    Route route = Coded.byValue(Route.class, string(json, "route"))
        .orElseThrow(() -> new IllegalArgumentException("unknown route"));
    String lot = StrictValue.text("lot", "The lot number", string(json, "lot"), MAX_LOT, true).orRefuse();
    return new Dose(id(json), drug, mg, route, lot, effective(json, window));
  }

  /**
   * The entry ids of the doses the page showed when a dose was sent from it ({@code knownDoses}, separated by
   * spaces); none when it does not say.
   */
  static Set<String> knownDoses(JsonObject json) {
    String known = string(json, KNOWN_DOSES).strip();
    return known.isEmpty() ? Set.of() : Set.copyOf(List.of(known.split("\\s+")));
  }

  static Reading reading(JsonObject json, Window window) {
    ReadingKind kind = ReadingKind.byKey(kind(json))
        .orElseThrow(() -> new IllegalArgumentException("unknown kind"));
    StrictValue.Range range = StrictValue.Range.whole(kind.min(), kind.max());
    boolean bloodPressure = kind == ReadingKind.BLOOD_PRESSURE;
    BigDecimal value = StrictValue.typedNumber("value", bloodPressure ? "The systolic" : kind.label(),
        json.get("value"), range).orRefuse();
    Optional<BigDecimal> diastolic = Optional.empty();
    if (bloodPressure) {
      diastolic = Optional.of(StrictValue.typedNumber("second", "The diastolic", json.get("second"), range)
          .require("second", d -> d.compareTo(value) < 0, "The diastolic must be below the systolic.").orRefuse());
    }
    return new Reading(id(json), kind, effective(json, window), value, diastolic);
  }

  static AdverseEvent adverseEvent(JsonObject json, Window window) {
    AdverseEventCode event = Coded.byValue(AdverseEventCode.class, string(json, "code"))
        .orElseThrow(() -> new IllegalArgumentException("unknown adverse event"));
    return new AdverseEvent(id(json), effective(json, window), event.code().code(), event.label(),
        StrictValue.text(TEXT, "What happened", string(json, TEXT), MAX_TEXT, true).orRefuse());
  }

  /** A string member, empty when absent or null; any other JSON type is refused. */
  private static String string(JsonObject json, String member) {
    JsonElement element = json.get(member);
    if (element == null || element.isJsonNull()) {
      return "";
    }
    if (!element.isJsonPrimitive() || !element.getAsJsonPrimitive().isString()) {
      throw new IllegalArgumentException(member + " must be sent as text: reload the page");
    }
    return element.getAsString();
  }
}
