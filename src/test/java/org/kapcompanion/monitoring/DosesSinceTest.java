package org.kapcompanion.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.kapcompanion.recorded.Dose;
import org.kapcompanion.vocabulary.Drug;
import org.kapcompanion.vocabulary.Route;

class DosesSinceTest {

  private static final Dose FIRST = dose("first", "2026-11-19T09:10:00Z");
  private static final Dose SECOND = dose("second", "2026-11-19T09:12:00Z");

  @Test
  void aDoseThePageDidNotShowIsListedAndOneItShowedIsNot() {
    assertThat(DosesSince.unknown(List.of(FIRST, SECOND), Set.of("first"), "new")).containsExactly(SECOND);
    assertThat(DosesSince.unknown(List.of(FIRST, SECOND), Set.of("first", "second"), "new")).isEmpty();
    assertThat(DosesSince.unknown(List.of(FIRST), Set.of(), "new")).containsExactly(FIRST);
  }

  @Test
  void aRetryOfADoseAlreadyRecordedIsNotTakenForAFurtherDose() {
    assertThat(DosesSince.unknown(List.of(FIRST, SECOND), Set.of(), "second")).isEmpty();
  }

  @Test
  void theAnswerListsEachDoseRecordedSinceOnTheClinicsClock() {
    JsonObject answer = DosesSince.answer("new", List.of(FIRST, SECOND), ZoneId.of("Europe/Stockholm"));

    assertThat(answer.get("conflict").getAsString()).isEqualTo("doses-recorded-since");
    assertThat(answer.get("id").getAsString()).isEqualTo("new");
    assertThat(answer.get("error").getAsString()).isEqualTo("Not saved: 2 doses were recorded in this session since "
        + "this page was loaded. Record this as a further dose?");
    JsonObject listed = answer.getAsJsonArray("doses").get(0).getAsJsonObject();
    assertThat(listed.get("id").getAsString()).isEqualTo("first");
    assertThat(listed.get("time").getAsString()).isEqualTo("10:10");
    assertThat(listed.get("shown").getAsString()).isEqualTo("Ketamine 32 mg IM · lot KX24117");
  }

  private static Dose dose(String id, String at) {
    return new Dose(id, Drug.KETAMINE, new BigDecimal("32"), Route.IM, "KX24117", Instant.parse(at));
  }
}
