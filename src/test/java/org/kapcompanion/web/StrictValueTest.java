package org.kapcompanion.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Numbers, dates and texts are read once, exactly, within their range, or refused naming their field. */
class StrictValueTest {

  private static final StrictValue.Range SYSTOLIC = StrictValue.Range.whole(40, 300);
  private static final ZoneId ZONE = ZoneId.of("Europe/London");

  @ParameterizedTest(name = "form value \"{0}\" is refused")
  @ValueSource(strings = {"-5", "99999", "1e2", "1E2", "NaN", "Infinity", "\u0663", "\u0661\u0662\u0660", "120.9",
      "4294967416", "0x78", "+120", "12 0", "120abc", "١٢٠", "１２０", "39", "301"})
  void formNumberOutsideItsTypeOrRangeIsRefusedNamingTheField(String text) {
    StrictValue<BigDecimal> value = StrictValue.number("baseline-systolic", "Systolic", text, SYSTOLIC);

    assertThat(value.value()).isEmpty();
    assertThat(value.invalid()).hasValueSatisfying(invalid -> {
      assertThat(invalid.field()).isEqualTo("baseline-systolic");
      assertThat(invalid.message()).startsWith("Systolic must be a whole number from 40 to 300");
    });
  }

  @Test
  void formNumberInRangeIsReadExactly() {
    assertThat(StrictValue.number("f", "Systolic", " 120 ", SYSTOLIC).orRefuse()).isEqualTo("120");
    assertThat(StrictValue.number("f", "Systolic", "120.0", SYSTOLIC).orRefuse()).isEqualTo("120");
    assertThat(StrictValue.number("f", "Dose", "12.25", new StrictValue.Range(new BigDecimal("0.01"),
        BigDecimal.valueOf(1000), 2)).orRefuse()).isEqualTo("12.25");
  }

  @ParameterizedTest(name = "JSON {0} is refused")
  @ValueSource(strings = {"120", "[\"120\"]", "{}", "true", "null", "\"\"", "\"1e2\"", "\"1e309\"", "\"NaN\"",
      "\"-Infinity\"", "\"4294967416\"", "\"120.9\"", "\"1,20\""})
  void typedValueThatIsNotTextOfANumberInRangeIsRefused(String json) {
    StrictValue<BigDecimal> value = StrictValue.typedNumber("value", "Systolic",
        JsonParser.parseString("{\"v\":" + json + "}").getAsJsonObject().get("v"), SYSTOLIC);

    assertThat(value.invalid()).hasValueSatisfying(invalid -> assertThat(invalid.field()).isEqualTo("value"));
  }

  @Test
  void typedNumberIsReadExactlyAsTyped() {
    assertThat(StrictValue.typedNumber("value", "Systolic", new JsonPrimitive(" 120 "), SYSTOLIC).orRefuse())
        .isEqualTo("120");
  }

  @ParameterizedTest(name = "\"{0}\" is refused for its comma")
  @ValueSource(strings = {"12,5", "1,000", "0,5", ",5", "12,"})
  void aCommaIsRefusedWithThePointToUseNeverReadAsASeparator(String typed) {
    StrictValue<BigDecimal> value = StrictValue.typedNumber("mg", "The dose (mg)", new JsonPrimitive(typed),
        new StrictValue.Range(new BigDecimal("0.01"), BigDecimal.valueOf(1000), 2));

    assertThat(value.value()).isEmpty();
    assertThat(value.invalid()).hasValueSatisfying(invalid -> assertThat(invalid.message())
        .isEqualTo("The dose (mg) holds a comma, which is not read: use a point for decimals, e.g. 12.5, and no "
            + "thousands separator."));
  }

  @ParameterizedTest(name = "date {0} is refused")
  @ValueSource(strings = {"2024-02-30", "NaN", "+10000-01-01", "+999999999-12-31", "0000-01-01", "2099-01-01",
      "2020-1-1", "٢٠٢٦-٠١-٠١", "2026-01-01T00:00", ""})
  void dateThatIsNotARealDayInTheWindowIsRefused(String text) {
    StrictValue<LocalDate> date = StrictValue.date("goal.0.target", "The target date", text,
        LocalDate.of(2021, 12, 3), LocalDate.of(2036, 12, 3));

    assertThat(date.invalid()).hasValueSatisfying(i -> assertThat(i.field()).isEqualTo("goal.0.target"));
  }

  @ParameterizedTest(name = "date-time {0} is refused")
  @ValueSource(strings = {"2024-02-30T10:00", "+999999999-12-31T23:59", "NaN", "2026-12-05T10:00",
      "2026-12-01T10:00", "2026-12-03 10:00"})
  void dateTimeOutsideADayOfNowIsRefused(String text) {
    Instant now = Instant.parse("2026-12-03T10:00:00Z");
    StrictValue<Instant> at = StrictValue.dateTime("prescriber-decided-at", "The decision time", text, ZONE,
        now.minusSeconds(86_400), now.plusSeconds(86_400));

    assertThat(at.invalid()).hasValueSatisfying(i -> {
      assertThat(i.field()).isEqualTo("prescriber-decided-at");
      assertThat(i.message()).startsWith("The decision time");
    });
  }

  @Test
  void dateTimeWithinTheWindowIsReadInTheClinicsZone() {
    Instant now = Instant.parse("2026-07-03T10:00:00Z");
    assertThat(StrictValue.dateTime("f", "Time", "2026-07-03T09:30", ZONE, now.minusSeconds(86_400),
        now.plusSeconds(86_400)).orRefuse()).isEqualTo(Instant.parse("2026-07-03T08:30:00Z"));
  }

  @Test
  void textLongerThanItsLimitIsRefusedAndRequiredTextMustBeGiven() {
    assertThat(StrictValue.text("lot", "The lot number", "x".repeat(41), 40, true).invalid()).isPresent();
    assertThat(StrictValue.text("lot", "The lot number", "  ", 40, true).invalid()).isPresent();
    assertThat(StrictValue.text("lot", "The lot number", " A1 ", 40, true).orRefuse()).isEqualTo("A1");
  }
}
