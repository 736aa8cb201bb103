package org.kapcompanion.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kapcompanion.recorded.Reading;
import org.kapcompanion.vocabulary.ReadingKind;

/** What the workspace page sends, read into entries or refused. */
class EntryRequestTest {

  private static final List<QuickTag> TAGS = List.of(new QuickTag("breathwork", "Breathwork"),
      new QuickTag("grounding-used", "Grounding used"));
  private static final String ID = "\"id\":\"6f1c2b0e-3d0a-4b55-9d0f-2a3c4d5e6f70\","
      + "\"effective\":\"2026-11-21T10:05:00Z\"";

  @Test
  void noteOfQuickTagsAloneReadsAsTheirNames() {
    SessionNote note = EntryRequest.note(JsonParser.parseString("{" + ID
        + ",\"text\":\"  \",\"tags\":[\"breathwork\",\"grounding-used\"]}").getAsJsonObject(), TAGS);

    assertThat(note.text()).isEqualTo("Breathwork, Grounding used");
    assertThat(note.tags()).containsExactly("breathwork", "grounding-used");
  }

  @Test
  void typedTextIsKeptAsTyped() {
    SessionNote note = EntryRequest.note(JsonParser.parseString("{" + ID
        + ",\"text\":\" Asked for the blanket. \",\"tags\":[\"breathwork\"]}").getAsJsonObject(), TAGS);

    assertThat(note.text()).isEqualTo("Asked for the blanket.");
  }

  @Test
  void noteWithNeitherTextNorTagIsRefused() {
    assertThatThrownBy(() -> EntryRequest.note(JsonParser.parseString("{" + ID + ",\"text\":\"\",\"tags\":[]}")
        .getAsJsonObject(), TAGS)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void bloodPressureIsReadAsSystolicOverDiastolic() {
    Reading reading = EntryRequest.reading(json("\"kind\":\"bp\",\"value\":132,\"second\":84"));

    assertThat(reading.kind()).isEqualTo(ReadingKind.BLOOD_PRESSURE);
    assertThat(reading.value()).isEqualByComparingTo(BigDecimal.valueOf(132));
    assertThat(reading.diastolic()).hasValueSatisfying(d -> assertThat(d).isEqualByComparingTo(BigDecimal.valueOf(84)));
    assertThat(reading.shown()).isEqualTo("132/84");
  }

  @Test
  void bloodPressureWhoseDiastolicIsNotBelowItsSystolicIsRefused() {
    assertThatThrownBy(() -> EntryRequest.reading(json("\"kind\":\"bp\",\"value\":120,\"second\":120")))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("diastolic must be below systolic");
  }

  @Test
  void bloodPressureWithEitherValueOutsideItsRangeIsRefused() {
    assertThatThrownBy(() -> EntryRequest.reading(json("\"kind\":\"bp\",\"value\":301,\"second\":80")))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("Blood pressure must be between 40 and 300");
    assertThatThrownBy(() -> EntryRequest.reading(json("\"kind\":\"bp\",\"value\":132,\"second\":39")))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("Blood pressure must be between 40 and 300");
  }

  @Test
  void bloodPressureAtTheEndsOfItsRangeIsKept() {
    Reading reading = EntryRequest.reading(json("\"kind\":\"bp\",\"value\":300,\"second\":40"));

    assertThat(reading.shown()).isEqualTo("300/40");
  }

  @Test
  void singleValueReadingHasNoSecondValue() {
    Reading reading = EntryRequest.reading(json("\"kind\":\"hr\",\"value\":72"));

    assertThat(reading.kind()).isEqualTo(ReadingKind.HEART_RATE);
    assertThat(reading.value()).isEqualByComparingTo(BigDecimal.valueOf(72));
    assertThat(reading.diastolic()).isEmpty();
  }

  private static JsonObject json(String members) {
    return JsonParser.parseString("{" + ID + "," + members + "}").getAsJsonObject();
  }
}
