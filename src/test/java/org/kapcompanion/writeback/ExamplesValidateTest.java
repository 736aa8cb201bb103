package org.kapcompanion.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ExamplesValidateTest {

  static Stream<Resource> examples() {
    return SharedValidator.PACKAGE.examples().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void exampleValidatesWithNoErrors(Resource example) {
    ValidationResult result = SharedValidator.VALIDATOR.validate(example);

    assertThat(result).as("%s", result).isInstanceOf(ValidationResult.Valid.class);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void exampleIsCheckedAgainstTheProfileItDeclares(Resource example) {
    assertThat(new ProfileSelector().profileFor(example))
        .contains(example.getMeta().getProfile().get(0).getValue());
  }
}
