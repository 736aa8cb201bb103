package org.kapcompanion.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.time.LocalDate;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

class DateShiftTest {

  private static final FhirContext FHIR = FhirContext.forR4Cached();

  private static final String BUNDLE =
      """
      {"resourceType": "Bundle", "type": "transaction", "entry": [
        {"resource": {"resourceType": "Patient", "id": "p", "birthDate": "1985-04-12", "deceasedDateTime": "2026-10"},
         "request": {"method": "PUT", "url": "Patient/p"}},
        {"resource": {"resourceType": "Encounter", "id": "e", "status": "finished",
           "class": {"code": "AMB"},
           "period": {"start": "2026-10-30T09:00:00-04:00", "end": "2026-10-30T11:30:00-04:00"}},
         "request": {"method": "PUT", "url": "Encounter/e"}},
        {"resource": {"resourceType": "Observation", "id": "o", "status": "final", "code": {"text": "x"},
           "effectiveDateTime": "2026-10-31T23:30:00Z", "issued": "2026-10-31T23:31:00.000Z",
           "extension": [{"url": "http://example.org/when", "valueDateTime": "2026-10-15"}],
           "contained": [{"resourceType": "Patient", "id": "c", "birthDate": "2000-01-01"}],
           "subject": {"reference": "#c"}},
         "request": {"method": "PUT", "url": "Observation/o"}}
      ]}
      """;

  @Test
  void daysFromSeedToTodayCountsFromTheAuthoredDay() {
    assertThat(DateShift.daysFromSeedTo(LocalDate.of(2026, 11, 1))).isZero();
    assertThat(DateShift.daysFromSeedTo(LocalDate.of(2026, 11, 21))).isEqualTo(20);
    assertThat(DateShift.daysFromSeedTo(LocalDate.of(2026, 10, 25))).isEqualTo(-7);
  }

  @Test
  void shiftsEveryDateKeepingPrecisionAndOffset() {
    Bundle bundle = FHIR.newJsonParser().parseResource(Bundle.class, BUNDLE);

    new DateShift(FHIR, 20).apply(bundle);

    Patient patient = (Patient) bundle.getEntry().get(0).getResource();
    Encounter encounter = (Encounter) bundle.getEntry().get(1).getResource();
    Observation observation = (Observation) bundle.getEntry().get(2).getResource();
    assertThat(patient.getBirthDateElement().getValueAsString()).isEqualTo("1985-05-02");
    assertThat(patient.getDeceasedDateTimeType().getValueAsString()).isEqualTo("2026-10");
    assertThat(encounter.getPeriod().getStartElement().getValueAsString()).isEqualTo("2026-11-19T09:00:00-04:00");
    assertThat(encounter.getPeriod().getEndElement().getValueAsString()).isEqualTo("2026-11-19T11:30:00-04:00");
    assertThat(observation.getEffectiveDateTimeType().getValueAsString()).isEqualTo("2026-11-20T23:30:00Z");
    assertThat(observation.getIssuedElement().getValueAsString()).isEqualTo("2026-11-20T23:31:00.000Z");
    assertThat(observation.getExtensionByUrl("http://example.org/when").getValue().primitiveValue())
        .isEqualTo("2026-11-04");
    assertThat(((Patient) observation.getContained().get(0)).getBirthDateElement().getValueAsString())
        .isEqualTo("2000-01-21");
  }

  @Test
  void zeroShiftChangesNothing() {
    Bundle bundle = FHIR.newJsonParser().parseResource(Bundle.class, BUNDLE);
    String before = FHIR.newJsonParser().encodeResourceToString(bundle);

    new DateShift(FHIR, 0).apply(bundle);

    assertThat(FHIR.newJsonParser().encodeResourceToString(bundle)).isEqualTo(before);
  }
}
