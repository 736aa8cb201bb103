package org.kapcompanion.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InputRuleTest {

  @ParameterizedTest(name = "U+{0}")
  @ValueSource(ints = {0x00, 0x01, 0x07, 0x08, 0x0B, 0x0C, 0x0E, 0x1B, 0x1F, 0x7F, 0x80, 0x85, 0x9F, 0xFFFE, 0xFFFF,
      0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069})
  void controlAndDirectionCharactersAreRefusedEvenInFreeText(int code) {
    String value = "Calm, " + (char) code + "then tearful";
    assertThat(InputRule.breach(value, true, InputRule.LONGEST_VALUE)).hasValueSatisfying(breach -> assertThat(breach)
        .contains(String.format("U+%04X", code)).contains("at character 7"));
  }

  @ParameterizedTest(name = "U+{0}")
  @ValueSource(ints = {'\t', '\n', '\r'})
  void tabsAndLineBreaksAreKeptInFreeTextOnly(int code) {
    String value = "first" + (char) code + "second";
    assertThat(InputRule.breach(value, true, InputRule.LONGEST_VALUE)).isEmpty();
    assertThat(InputRule.breach(value, false, InputRule.LONGEST_VALUE))
        .hasValueSatisfying(breach -> assertThat(breach).contains("one-line field"));
  }

  @Test
  void ordinaryTextInAnyScriptPasses() {
    assertThat(InputRule.breach("Ünïcödé – שלום – مرحبا – 日本語 – 😀 – ‎ ‏", false, InputRule.LONGEST_VALUE))
        .isEmpty();
  }

  @Test
  void loneSurrogatesAreRefused() {
    assertThat(InputRule.breach("a\uD83Db", false, InputRule.LONGEST_VALUE)).isPresent();
    assertThat(InputRule.breach("a\uDE00b", false, InputRule.LONGEST_VALUE)).isPresent();
    assertThat(InputRule.breach("a\uD83D", false, InputRule.LONGEST_VALUE)).isPresent();
  }

  @Test
  void valuesLongerThanTheBackstopAreRefused() {
    assertThat(InputRule.breach("x".repeat(10_000), true, InputRule.LONGEST_VALUE)).isEmpty();
    assertThat(InputRule.breach("x".repeat(10_001), true, InputRule.LONGEST_VALUE))
        .hasValue("is longer than 10,000 characters (10,001): shorten it");
  }
}
