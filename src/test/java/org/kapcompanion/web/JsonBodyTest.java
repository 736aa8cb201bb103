package org.kapcompanion.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonBodyTest {

  @ParameterizedTest
  @ValueSource(strings = {"{'kind':'bp'}", "{kind:\"bp\"}", "{\"value\":NaN}", "{\"value\":Infinity}",
      "// note\n{\"kind\":\"bp\"}", "{\"kind\":\"bp\"} {\"kind\":\"hr\"}", "{\"kind\":\"bp\"} x",
      "{\"kind\":\"bp\",}", "[1,]", "{\"kind\":\"bp\";\"value\":1}"})
  void whatOnlyALenientParserAcceptsIsRefused(String text) {
    assertThatThrownBy(() -> JsonBody.parse(text)).isInstanceOfSatisfying(RefusedRequest.class,
        refusal -> assertThat(refusal.advice()).contains("not valid JSON"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"kind\":\"bp\",\"value\":120}", " {\"tags\":[\"a\",\"b\"]}\n", "{}"})
  void validJsonIsRead(String text) {
    assertThat(JsonBody.parse(text).isJsonObject()).isTrue();
  }
}
