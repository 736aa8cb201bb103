package org.kapcompanion.monitoring;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.kapcompanion.recorded.AdverseEvent;
import org.kapcompanion.recorded.Dose;
import org.kapcompanion.recorded.Reading;
import org.kapcompanion.vocabulary.Drug;
import org.kapcompanion.vocabulary.ReadingKind;
import org.kapcompanion.vocabulary.Route;

/**
 * Parses what the workspace page sends for one entry ({@code {id, kind, effective, …}}) into the entry it
 * describes; anything malformed or out of range is refused with {@link IllegalArgumentException}.
 */
final class EntryRequest {

  /** The one free-text member: a note's or an adverse event's text, which may hold line breaks. */
  static final String TEXT = "text";
  private static final int MAX_TEXT = 4_000;
  /** The adverse events the page offers (SNOMED CT, the {@code kap-adverse-event} ValueSet). */
  static final Map<String, String> ADVERSE_EVENTS = Map.of("422587007", "Nausea", "422400008", "Vomiting",
      "404640003", "Dizziness", "25064002", "Headache");

  private EntryRequest() {}

  static String id(JsonObject json) {
    return UUID.fromString(json.get("id").getAsString()).toString();
  }

  static Instant effective(JsonObject json) {
    return Instant.parse(json.get("effective").getAsString());
  }

  /**
   * A note; its text may be left empty when quick tags are chosen (two taps: a tag, then save), and then reads as
   * the tags' names from {@code known}.
   */
  static SessionNote note(JsonObject json, List<QuickTag> known) {
    List<String> tags = new ArrayList<>();
    JsonElement tagList = json.get("tags");
    if (tagList != null && !tagList.isJsonNull()) {
      tagList.getAsJsonArray().forEach(tag -> tags.add(tag.getAsString()));
    }
    JsonElement typed = json.get("text");
    boolean untyped = typed == null || typed.isJsonNull() || typed.getAsString().isBlank();
    String text = untyped && !tags.isEmpty() ? tagNames(tags, known) : text(json, "text");
    return new SessionNote(id(json), effective(json), text, tags);
  }

  private static String tagNames(List<String> codes, List<QuickTag> known) {
    List<String> names = new ArrayList<>();
    for (String code : codes) {
      names.add(known.stream().filter(tag -> tag.code().equals(code)).map(QuickTag::display).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("unknown quick tag")));
    }
    return String.join(", ", names);
  }

  static Dose dose(JsonObject json) {
    BigDecimal mg = new BigDecimal(json.get("mg").getAsString().strip());
    if (mg.signum() <= 0 || mg.compareTo(BigDecimal.valueOf(1000)) > 0) {
      throw new IllegalArgumentException("dose out of range");
    }
    return new Dose(id(json), Drug.byCode(json.get("drug").getAsString()).orElseThrow(
        () -> new IllegalArgumentException("unknown drug")), mg, Route.byCode(json.get("route").getAsString())
        .orElseThrow(() -> new IllegalArgumentException("unknown route")), text(json, "lot"), effective(json));
  }

  static Reading reading(JsonObject json) {
    ReadingKind kind = ReadingKind.byKey(json.get("kind").getAsString())
        .orElseThrow(() -> new IllegalArgumentException("unknown kind"));
    int value = inRange(json.get("value").getAsInt(), kind);
    int second = kind == ReadingKind.BLOOD_PRESSURE ? inRange(json.get("second").getAsInt(), kind) : 0;
    if (kind == ReadingKind.BLOOD_PRESSURE && second >= value) {
      throw new IllegalArgumentException("diastolic must be below systolic");
    }
    return Reading.of(id(json), kind, effective(json), value, second);
  }

  static AdverseEvent adverseEvent(JsonObject json) {
    String code = json.get("code").getAsString();
    String display = ADVERSE_EVENTS.get(code);
    if (display == null) {
      throw new IllegalArgumentException("unknown adverse event");
    }
    return new AdverseEvent(id(json), effective(json), code, display, text(json, "text"));
  }

  private static int inRange(int value, ReadingKind kind) {
    if (!kind.accepts(value)) {
      throw new IllegalArgumentException(kind.label() + " must be between " + kind.min() + " and " + kind.max());
    }
    return value;
  }

  private static String text(JsonObject json, String field) {
    String text = json.get(field).getAsString().strip();
    if (text.isEmpty() || text.length() > MAX_TEXT) {
      throw new IllegalArgumentException(field + " must have 1 to " + MAX_TEXT + " characters");
    }
    return text;
  }
}
