package org.kapcompanion.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.kapcompanion.sandbox.LauncherForm.Visit;

class LauncherFormTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 12, 3);

  @Test
  void aTherapistIsSignedInUnlessAnotherPractitionerWasChosen() {
    Map<String, String> practitioners = new LinkedHashMap<>();
    practitioners.put("sup", "Dr. Achterberg — Clinical supervisor");
    practitioners.put("t1", "Dr. Halvorsen — KAP therapist");

    assertThat(LauncherForm.practitioner(practitioners, Set.of("t1"), null)).isEqualTo("t1");
    assertThat(LauncherForm.practitioner(practitioners, Set.of("t1"), "sup")).isEqualTo("sup");
    assertThat(LauncherForm.practitioner(practitioners, Set.of("t1"), "unknown")).isEqualTo("t1");
    assertThat(LauncherForm.practitioner(practitioners, Set.of(), null)).isEqualTo("sup");
  }

  @Test
  void todaysVisitIsPreselectedElseTheMostRecentOneBeforeToday() {
    Visit future = visit("future", TODAY.plusDays(7));
    Visit today = visit("today", TODAY);
    Visit lastWeek = visit("last-week", TODAY.minusDays(7));
    Visit undated = new Visit("undated", "Encounter", Optional.empty());

    assertThat(LauncherForm.preselected(List.of(future, today, lastWeek), TODAY)).contains("today");
    assertThat(LauncherForm.preselected(List.of(future, undated, lastWeek), TODAY)).contains("last-week");
    assertThat(LauncherForm.preselected(List.of(future, undated), TODAY)).isEmpty();
  }

  @Test
  void eachPatientCarriesOnlyTheirOwnVisitsAndScenario() {
    Map<String, String> patients = new LinkedHashMap<>();
    patients.put("a", "Alex");
    patients.put("b", "Blake");

    List<LauncherForm.PatientChoice> choices = LauncherForm.patients(patients,
        Map.of("a", List.of(visit("a-1", TODAY.minusDays(1)))), Map.of("a", "uncontrolled hypertension — BP gate"),
        TODAY);

    assertThat(choices.get(0).visits()).extracting(Visit::id).containsExactly("a-1");
    assertThat(choices.get(0).preselected()).isEqualTo("a-1");
    assertThat(choices.get(0).scenario()).isEqualTo("uncontrolled hypertension — BP gate");
    assertThat(choices.get(1).visits()).isEmpty();
    assertThat(choices.get(1).preselected()).isNull();
    assertThat(choices.get(1).scenario()).isEmpty();
  }

  @Test
  void patientBannerIsAskedForAsAnEhrWouldFalseInItsFrameTrueInAWindow() {
    assertThat(LauncherForm.needPatientBanner(LauncherForm.BANNER_AS_EHR, null, "frame")).isFalse();
    assertThat(LauncherForm.needPatientBanner(LauncherForm.BANNER_AS_EHR, null, "window")).isTrue();
    assertThat(LauncherForm.needPatientBanner("true", null, "frame")).isTrue();
    assertThat(LauncherForm.needPatientBanner("false", null, "window")).isFalse();
    assertThat(LauncherForm.needPatientBanner(null, "true", "frame")).isTrue();
    assertThat(LauncherForm.needPatientBanner(null, null, "window")).isFalse();
  }

  @Test
  void everySeededPatientHasAOneLineScenario() throws IOException {
    Set<String> seeded = new TreeSet<>();
    for (String file : read("index.txt").lines().map(String::strip)
        .filter(l -> l.startsWith("patient-")).toList()) {
      for (JsonElement entry : JsonParser.parseString(read(file)).getAsJsonObject().getAsJsonArray("entry")) {
        JsonObject resource = entry.getAsJsonObject().getAsJsonObject("resource");
        if ("Patient".equals(resource.get("resourceType").getAsString())) {
          seeded.add(resource.get("id").getAsString());
        }
      }
    }

    Map<String, String> scenarios = SeedLoader.scenarios("sandbox/seed/");

    assertThat(seeded).hasSizeGreaterThanOrEqualTo(13);
    assertThat(scenarios.keySet()).containsExactlyInAnyOrderElementsOf(seeded);
    assertThat(scenarios.get("kap-pt-04")).isEqualTo("uncontrolled hypertension — BP gate");
    assertThat(scenarios.get("kap-pt-hostile")).startsWith("hostile text");
    assertThat(scenarios.values()).allSatisfy(line -> assertThat(line).doesNotContain("\n").hasSizeLessThan(100));
  }

  private static Visit visit(String id, LocalDate day) {
    return new Visit(id, id, Optional.of(day));
  }

  private static String read(String name) throws IOException {
    try (InputStream in = LauncherFormTest.class.getClassLoader().getResourceAsStream("sandbox/seed/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
