package org.kapcompanion.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryEncodingTest {

  @Test
  void tokenValuesAreEncodedPerRfc3986SoNoGatewayCanCollapseTheirSlashes() {
    String sent = QueryEncoding.encoded("http://ehr/fhir/Observation?patient=Patient/1"
        + "&code=http%3A//loinc.org%7C44261-6,http://loinc.org|70274-6&_include=Observation:patient");

    assertThat(sent).isEqualTo("http://ehr/fhir/Observation?patient=Patient%2F1"
        + "&code=http%3A%2F%2Floinc.org%7C44261-6,http%3A%2F%2Floinc.org%7C70274-6&_include=Observation%3Apatient");
    assertThat(sent).doesNotContain("//loinc");
  }

  @Test
  void encodingIsStableAndLeavesNamesPathsAndUnreservedCharactersAlone() {
    String once = QueryEncoding.encoded("http://ehr/fhir/Task?code:text=co-sign%20review&_count=50&x=a+b~c");

    assertThat(once).isEqualTo("http://ehr/fhir/Task?code:text=co-sign%20review&_count=50&x=a%20b~c");
    assertThat(QueryEncoding.encoded(once)).isEqualTo(once);
    assertThat(QueryEncoding.encoded("http://ehr/fhir/Patient/1")).isEqualTo("http://ehr/fhir/Patient/1");
  }
}
