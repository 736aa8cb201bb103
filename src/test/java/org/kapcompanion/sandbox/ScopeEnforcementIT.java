package org.kapcompanion.sandbox;

import java.time.OffsetDateTime;
import java.time.Instant;
import java.time.Duration;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SandboxExtension.class)
class ScopeEnforcementIT {

  @Test
  void requestWithoutTokenIsUnauthorizedWithBearerChallenge(SmartHttp http) {
    HttpResponse<String> response = http.fhir("GET", "Patient/" + TestEhr.ALEX, null, null);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Bearer");
  }

  @Test
  void forgedTokenIsUnauthorized(SmartHttp http) {
    String token = http.accessToken("launch patient/*.read", TestEhr.ALEX);
    String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");

    assertThat(http.fhir("GET", "Patient/" + TestEhr.ALEX, tampered, null).statusCode()).isEqualTo(401);
  }

  @Test
  void patientReadTokenReadsItsPatientsObservations(SmartHttp http) {
    String token = http.accessToken("launch patient/*.read", TestEhr.ALEX);

    HttpResponse<String> search = http.fhir("GET", "Observation?patient=" + TestEhr.ALEX, token, null);
    HttpResponse<String> read = http.fhir("GET", "Observation/test-alex-hr-1", token, null);
    HttpResponse<String> patient = http.fhir("GET", "Patient/" + TestEhr.ALEX, token, null);
    HttpResponse<String> practitioner = http.fhir("GET", "Practitioner/" + TestEhr.THERAPIST, token, null);

    assertThat(search.statusCode()).as(search.body()).isEqualTo(200);
    assertThat(search.body()).contains("test-alex-hr-1").doesNotContain("test-blake-hr-1");
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(patient.statusCode()).isEqualTo(200);
    assertThat(practitioner.statusCode()).isEqualTo(200);
  }

  @Test
  void patientReadTokenIncludesSharedResourcesAndSeesShiftedSeedDates(SmartHttp http) {
    String token = http.accessToken("launch patient/*.read", TestEhr.ALEX);

    HttpResponse<String> include =
        http.fhir("GET", "Encounter?patient=" + TestEhr.ALEX + "&_include=Encounter:participant", token, null);
    HttpResponse<String> observation = http.fhir("GET", "Observation/test-alex-hr-1", token, null);

    assertThat(include.statusCode()).as(include.body()).isEqualTo(200);
    assertThat(include.body()).contains("\"resourceType\":\"Practitioner\"");
    Instant authored = OffsetDateTime.parse("2026-10-30T09:40:00-04:00").toInstant();
    Instant expected = authored.plus(Duration.ofDays(DateShift.daysFromSeedTo(http.ehr.startedOn)));
    String effective = SmartHttp.json(observation).get("effectiveDateTime").getAsString();
    assertThat(OffsetDateTime.parse(effective).toInstant()).isEqualTo(expected);
  }

  @Test
  void patientReadTokenCannotReadAnotherPatient(SmartHttp http) {
    String token = http.accessToken("launch patient/*.read", TestEhr.ALEX);

    assertThat(http.fhir("GET", "Observation/test-blake-hr-1", token, null).statusCode()).isEqualTo(403);
    assertThat(http.fhir("GET", "Patient/" + TestEhr.BLAKE, token, null).statusCode()).isEqualTo(403);
    assertThat(http.fhir("GET", "Observation?patient=" + TestEhr.BLAKE, token, null).statusCode()).isEqualTo(403);
  }

  @Test
  void patientReadTokenCannotWrite(SmartHttp http) {
    String token = http.accessToken("launch patient/*.read", TestEhr.ALEX);

    HttpResponse<String> response = http.fhir("POST", "Observation", token, observation(TestEhr.ALEX, null));

    assertThat(response.statusCode()).isEqualTo(403);
  }

  @Test
  void patientWriteTokenCreatesInItsOwnCompartmentOnly(SmartHttp http) {
    String token = http.accessToken("launch patient/Observation.write patient/Observation.read", TestEhr.ALEX);

    HttpResponse<String> own = http.fhir("POST", "Observation", token, observation(TestEhr.ALEX, null));
    HttpResponse<String> other = http.fhir("POST", "Observation", token, observation(TestEhr.BLAKE, null));

    assertThat(own.statusCode()).as(own.body()).isEqualTo(201);
    assertThat(other.statusCode()).isEqualTo(403);
  }

  @Test
  void v2CreateScopeAllowsConditionalCreateOnce(SmartHttp http) {
    String token = http.accessToken("launch patient/Observation.c", TestEhr.ALEX);
    String identifier = UUID.randomUUID().toString();
    String ifNoneExist = "identifier=http://kapcompanion.org/fhir/sid/entry|" + identifier;

    HttpResponse<String> first =
        http.fhir("POST", "Observation", token, observation(TestEhr.ALEX, identifier), "If-None-Exist", ifNoneExist);
    HttpResponse<String> retry =
        http.fhir("POST", "Observation", token, observation(TestEhr.ALEX, identifier), "If-None-Exist", ifNoneExist);

    assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
    assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
    assertThat(retry.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
  }

  @Test
  void v2ReadWithoutSearchCannotSearch(SmartHttp http) {
    String token = http.accessToken("launch patient/Observation.r", TestEhr.ALEX);

    assertThat(http.fhir("GET", "Observation/test-alex-hr-1", token, null).statusCode()).isEqualTo(200);
    assertThat(http.fhir("GET", "Observation?patient=" + TestEhr.ALEX, token, null).statusCode()).isEqualTo(403);
  }

  @Test
  void transactionEntriesFollowTheTokensRules(SmartHttp http) {
    String token = http.accessToken("launch patient/*.cruds", TestEhr.ALEX);

    HttpResponse<String> own = http.fhir("POST", "", token, transaction(TestEhr.ALEX));
    HttpResponse<String> other = http.fhir("POST", "", token, transaction(TestEhr.BLAKE));

    assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
    assertThat(other.statusCode()).isEqualTo(403);
  }

  @Test
  void userScopeIsNotLimitedToOnePatientAndSupportsVersionAwareUpdate(SmartHttp http) {
    String token = http.accessToken("launch user/*.cruds", TestEhr.ALEX);
    String id = "user-" + UUID.randomUUID().toString().substring(0, 8);

    HttpResponse<String> create = http.fhir("PUT", "Patient/" + id, token, patient(id, "First"));
    HttpResponse<String> staleUpdate =
        http.fhir("PUT", "Patient/" + id, token, patient(id, "Second"), "If-Match", "W/\"7\"");
    HttpResponse<String> update =
        http.fhir("PUT", "Patient/" + id, token, patient(id, "Second"), "If-Match", "W/\"1\"");
    HttpResponse<String> other = http.fhir("GET", "Observation?patient=" + TestEhr.BLAKE, token, null);
    HttpResponse<String> include =
        http.fhir("GET", "Encounter?patient=" + TestEhr.ALEX + "&_include=Encounter:participant", token, null);

    assertThat(create.statusCode()).as(create.body()).isEqualTo(201);
    // HAPI answers a stale If-Match with 409 Conflict (FHIR allows 409 or 412).
    assertThat(staleUpdate.statusCode()).isEqualTo(409);
    assertThat(update.statusCode()).isEqualTo(200);
    assertThat(other.statusCode()).isEqualTo(200);
    assertThat(include.body()).contains("\"resourceType\":\"Practitioner\"");
  }

  @Test
  void conditionalUpdateAndBatchWorkWithUserScopes(SmartHttp http) {
    String token = http.accessToken("launch user/*.cruds", TestEhr.ALEX);
    String identifier = UUID.randomUUID().toString();
    String match = "Observation?identifier=http%3A%2F%2Fkapcompanion.org%2Ffhir%2Fsid%2Fentry%7C" + identifier;

    HttpResponse<String> created = http.fhir("PUT", match, token, observation(TestEhr.BLAKE, identifier));
    HttpResponse<String> updated = http.fhir("PUT", match, token, observation(TestEhr.BLAKE, identifier));
    HttpResponse<String> batch = http.fhir("POST", "", token, batchReading(TestEhr.BLAKE));

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
    assertThat(batch.statusCode()).as(batch.body()).isEqualTo(200);
    assertThat(batch.body()).contains("\"type\":\"batch-response\"").contains("test-blake-hr-1");
  }

  @Test
  void batchEntriesOutsideThePatientCompartmentAreDenied(SmartHttp http) {
    String token = http.accessToken("launch patient/*.rs", TestEhr.ALEX);

    HttpResponse<String> own = http.fhir("POST", "", token, batchReading(TestEhr.ALEX));
    HttpResponse<String> other = http.fhir("POST", "", token, batchReading(TestEhr.BLAKE));

    assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
    assertThat(own.body()).contains("test-alex-hr-1");
    assertThat(other.body()).doesNotContain("test-blake-hr-1");
  }

  private static String batchReading(String patient) {
    return "{\"resourceType\": \"Bundle\", \"type\": \"batch\", \"entry\": ["
        + "{\"request\": {\"method\": \"GET\", \"url\": \"Observation?patient=" + patient + "\"}}]}";
  }

  private static String observation(String patient, String identifier) {
    String id =
        identifier == null
            ? ""
            : "\"identifier\": [{\"system\": \"http://kapcompanion.org/fhir/sid/entry\", \"value\": \"" + identifier + "\"}],";
    return "{\"resourceType\": \"Observation\", " + id + " \"status\": \"final\","
        + " \"code\": {\"coding\": [{\"system\": \"http://loinc.org\", \"code\": \"8867-4\"}]},"
        + " \"subject\": {\"reference\": \"Patient/" + patient + "\"},"
        + " \"effectiveDateTime\": \"2026-11-20T10:00:00Z\","
        + " \"valueQuantity\": {\"value\": 80, \"unit\": \"/min\", \"system\": \"http://unitsofmeasure.org\", \"code\": \"/min\"}}";
  }

  private static String transaction(String patient) {
    return "{\"resourceType\": \"Bundle\", \"type\": \"transaction\", \"entry\": [{"
        + "\"resource\": " + observation(patient, null) + ","
        + "\"request\": {\"method\": \"POST\", \"url\": \"Observation\"}}]}";
  }

  private static String patient(String id, String given) {
    return "{\"resourceType\": \"Patient\", \"id\": \"" + id + "\", \"name\": [{\"family\": \"Created\", \"given\": [\"" + given + "\"]}]}";
  }
}
