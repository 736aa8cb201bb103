package org.kapcompanion.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kapcompanion.recorded.Reading;
import org.kapcompanion.vocabulary.ReadingKind;
import org.kapcompanion.web.InvalidValue;

/** What the workspace page sends, read into entries or refused. */
class EntryRequestTest {

  private static final List<QuickTag> TAGS = List.of(new QuickTag("breathwork", "Breathwork"),
      new QuickTag("grounding-used", "Grounding used"));
  /** The session started at 10:00; now is 10:10. */
  private static final EntryRequest.Window WINDOW = EntryRequest.Window.of(
      Optional.of(Instant.parse("2026-11-21T10:00:00Z")), Instant.parse("2026-11-21T10:10:00Z"), ZoneOffset.UTC);
  private static final String ID = "\"id\":\"6f1c2b0e-3d0a-4b55-9d0f-2a3c4d5e6f70\","
      + "\"effective\":\"2026-11-21T10:05:00Z\"";

  @Test
  void noteOfQuickTagsAloneReadsAsTheirNames() {
    SessionNote note = EntryRequest.note(JsonParser.parseString("{" + ID
        + ",\"text\":\"  \",\"tags\":[\"breathwork\",\"grounding-used\"]}").getAsJsonObject(), TAGS, WINDOW);

    assertThat(note.text()).isEqualTo("Breathwork, Grounding used");
    assertThat(note.tags()).containsExactly("breathwork", "grounding-used");
  }

  @Test
  void typedTextIsKeptAsTyped() {
    SessionNote note = EntryRequest.note(JsonParser.parseString("{" + ID
        + ",\"text\":\" Asked for the blanket. \",\"tags\":[\"breathwork\"]}").getAsJsonObject(), TAGS, WINDOW);

    assertThat(note.text()).isEqualTo("Asked for the blanket.");
  }

  @Test
  void noteWithNeitherTextNorTagIsRefused() {
    assertThatThrownBy(() -> EntryRequest.note(JsonParser.parseString("{" + ID + ",\"text\":\"\",\"tags\":[]}")
        .getAsJsonObject(), TAGS, WINDOW)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void bloodPressureIsReadAsSystolicOverDiastolic() {
    Reading reading = read(json("\"kind\":\"bp\",\"value\":\"132\",\"second\":\"84\""));

    assertThat(reading.kind()).isEqualTo(ReadingKind.BLOOD_PRESSURE);
    assertThat(reading.value()).isEqualByComparingTo(BigDecimal.valueOf(132));
    assertThat(reading.diastolic()).hasValueSatisfying(d -> assertThat(d).isEqualByComparingTo(BigDecimal.valueOf(84)));
    assertThat(reading.shown()).isEqualTo("132/84");
  }

  @Test
  void bloodPressureWhoseDiastolicIsNotBelowItsSystolicIsRefused() {
    assertThatThrownBy(() -> read(json("\"kind\":\"bp\",\"value\":\"120\",\"second\":\"120\"")))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("The diastolic must be below the systolic.");
  }

  @Test
  void bloodPressureWithEitherValueOutsideItsRangeIsRefused() {
    assertThatThrownBy(() -> read(json("\"kind\":\"bp\",\"value\":\"301\",\"second\":\"80\"")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be a whole number from 40 to 300");
    assertThatThrownBy(() -> read(json("\"kind\":\"bp\",\"value\":\"132\",\"second\":\"39\"")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be a whole number from 40 to 300");
  }

  @Test
  void bloodPressureAtTheEndsOfItsRangeIsKept() {
    Reading reading = read(json("\"kind\":\"bp\",\"value\":\"300\",\"second\":\"40\""));

    assertThat(reading.shown()).isEqualTo("300/40");
  }

  @Test
  void singleValueReadingHasNoSecondValue() {
    Reading reading = read(json("\"kind\":\"hr\",\"value\":\"72\""));

    assertThat(reading.kind()).isEqualTo(ReadingKind.HEART_RATE);
    assertThat(reading.value()).isEqualByComparingTo(BigDecimal.valueOf(72));
    assertThat(reading.diastolic()).isEmpty();
  }

  @ParameterizedTest(name = "heart rate {0} is refused naming the field")
  @ValueSource(strings = {"1e2", "1E2", "1e309", "4294967416", "120.9", "120", "[\"120\"]", "{\"v\":120}", "null",
      "true", "NaN", "Infinity", "-Infinity", "٣", "-5", "99999", "0x78", "120.", ".5", "7,2", ""})
  void heartRateThatIsNotAWholeNumberInRangeIsRefusedNamingTheField(String value) {
    String sent = value.startsWith("[") || value.startsWith("{") || value.equals("null") || value.equals("true")
        || value.equals("120") ? value : "\"" + value + "\"";
    assertThatThrownBy(() -> read(json("\"kind\":\"hr\",\"value\":" + sent)))
        .isInstanceOfSatisfying(InvalidValue.Refused.class, refused -> {
          assertThat(refused.invalid().field()).isEqualTo("value");
          assertThat(refused.getMessage()).startsWith("Heart rate");
        });
  }

  @Test
  void coercionsTheHostileRunFoundAreRefusedNotRead() {
    assertThatThrownBy(() -> read(json("\"kind\":\"moaas\",\"value\":\"1e309\"")))
        .isInstanceOf(InvalidValue.Refused.class);
    assertThatThrownBy(() -> read(json("\"kind\":\"bp\",\"value\":\"4294967416\",\"second\":\"60\"")))
        .isInstanceOf(InvalidValue.Refused.class).hasMessageContaining("systolic");
    assertThatThrownBy(() -> read(json("\"kind\":\"spo2\",\"value\":\"4294967376\"")))
        .isInstanceOf(InvalidValue.Refused.class);
  }

  @Test
  void wholeNumberWrittenWithTrailingZerosIsTheSameNumber() {
    assertThat(read(json("\"kind\":\"hr\",\"value\":\"72.0\"")).value()).isEqualTo("72");
  }

  @Test
  void doseIsAnExactDecimalWithinItsRange() {
    String members = "\"drug\":\"" + org.kapcompanion.vocabulary.Drug.values()[0].code().code() + "\",\"route\":\""
        + org.kapcompanion.vocabulary.Route.values()[0].code().code() + "\",\"lot\":\"A1\",\"mg\":";
    assertThat(EntryRequest.dose(json(members + "\"12.5\""), WINDOW).milligrams()).isEqualByComparingTo("12.5");
    for (String mg : List.of("12.5", "\"1e1\"", "\"0\"", "\"-1\"", "\"1000.01\"", "\"12.345\"", "\"NaN\"")) {
      assertThatThrownBy(() -> EntryRequest.dose(json(members + mg), WINDOW)).as(mg)
          .isInstanceOfSatisfying(InvalidValue.Refused.class, r -> assertThat(r.invalid().field()).isEqualTo("mg"));
    }
    assertThatThrownBy(() -> EntryRequest.dose(json(members.replace("A1", "L".repeat(41)) + "\"12.5\""), WINDOW))
        .isInstanceOfSatisfying(InvalidValue.Refused.class, r -> assertThat(r.invalid().field()).isEqualTo("lot"));
  }

  @Test
  void aDoseTypedWithADecimalCommaIsRefusedWithThePointToUseNeverReadAsTenTimesAsMuch() {
    String members = "\"drug\":\"" + org.kapcompanion.vocabulary.Drug.values()[0].code().code() + "\",\"route\":\""
        + org.kapcompanion.vocabulary.Route.values()[0].code().code() + "\",\"lot\":\"A1\",\"mg\":";
    assertThatThrownBy(() -> EntryRequest.dose(json(members + "\"12,5\""), WINDOW))
        .isInstanceOfSatisfying(InvalidValue.Refused.class, r -> {
          assertThat(r.invalid().field()).isEqualTo("mg");
          assertThat(r.getMessage()).contains("use a point for decimals, e.g. 12.5");
        });
  }

  @ParameterizedTest(name = "time {0} is refused")
  @ValueSource(strings = {"0000-01-01T00:00:00Z", "2099-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
      "+999999999-12-31T23:59:59Z", "2026-11-21T03:59:00Z", "2026-11-21T09:59:59Z", "2026-11-21T10:15:01Z", "2026-11-21", "1700000000",
      "2026-02-30T10:00:00Z"})
  void readingTimedOutsideTheSessionsWindowIsRefused(String effective) {
    JsonObject reading = json("\"kind\":\"hr\",\"value\":\"72\"");
    reading.addProperty("effective", effective);
    assertThatThrownBy(() -> read(reading))
        .isInstanceOfSatisfying(InvalidValue.Refused.class,
            r -> assertThat(r.invalid().field()).isEqualTo("effective"));
  }

  @Test
  void readingTimedFromTheSessionsStartToFiveMinutesAheadIsKept() {
    for (String effective : List.of("2026-11-21T10:00:00Z", "2026-11-21T10:15:00Z", "2026-11-21T11:05:00.000+01:00")) {
      JsonObject reading = json("\"kind\":\"hr\",\"value\":\"72\"");
      reading.addProperty("effective", effective);
      assertThat(read(reading).effective()).as(effective)
          .isEqualTo(java.time.OffsetDateTime.parse(effective).toInstant());
    }
  }

  @Test
  void aLateReadingMayCarryTheMinuteTheSessionStartedAndANoteWithoutASessionSixHoursBack() {
    EntryRequest.Window running = EntryRequest.Window.of(Optional.of(Instant.parse("2026-11-21T10:00:40Z")),
        Instant.parse("2026-11-21T10:10:00Z"), ZoneOffset.UTC);
    EntryRequest.Window none = EntryRequest.Window.of(Optional.empty(), Instant.parse("2026-11-21T10:10:00Z"),
        ZoneOffset.UTC);

    assertThat(running.from()).isEqualTo(Instant.parse("2026-11-21T10:00:00Z"));
    assertThat(running.to()).isEqualTo(Instant.parse("2026-11-21T10:15:00Z"));
    assertThat(none.from()).isEqualTo(Instant.parse("2026-11-21T04:10:00Z"));
  }

  @Test
  void typedTimeIsTheClinicsWallClockTimeReadInTheClinicsZone() {
    EntryRequest.Window newYork = EntryRequest.Window.of(Optional.of(Instant.parse("2026-11-21T10:00:00Z")),
        Instant.parse("2026-11-21T10:10:00Z"), java.time.ZoneId.of("America/New_York"));
    JsonObject reading = json("\"kind\":\"hr\",\"value\":\"72\"");
    reading.addProperty("effective", "2026-11-21T05:05");

    assertThat(EntryRequest.reading(reading, newYork).effective()).isEqualTo(Instant.parse("2026-11-21T10:05:00Z"));
    reading.addProperty("effective", "2026-11-21T10:05");
    assertThatThrownBy(() -> EntryRequest.reading(reading, newYork)).as("10:05 in New York is hours ahead")
        .isInstanceOfSatisfying(InvalidValue.Refused.class, r -> assertThat(r.invalid().message())
            .contains("to 2026-11-21 05:15"));
  }

  @Test
  void unknownQuickTagIsRefusedEvenWithTypedText() {
    assertThatThrownBy(() -> EntryRequest.note(JsonParser.parseString("{" + ID
        + ",\"text\":\"Calm\",\"tags\":[\"breathwork\",\"made-up\"]}").getAsJsonObject(), TAGS, WINDOW))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("quick tag");
  }

  private static Reading read(JsonObject json) {
    return EntryRequest.reading(json, WINDOW);
  }

  private static JsonObject json(String members) {
    return JsonParser.parseString("{" + ID + "," + members + "}").getAsJsonObject();
  }
}
