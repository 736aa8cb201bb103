package org.kapcompanion.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.kapcompanion.recorded.Dose;
import org.kapcompanion.vocabulary.Drug;
import org.kapcompanion.vocabulary.Route;
import org.kapcompanion.writeback.EntryIdentity;

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
  void aColleaguesUndeliveredDoseOfThisSessionIsCountedOnceAndOneOfAnotherSessionIsNot() {
    Encounter encounter = new Encounter().setStatus(Encounter.EncounterStatus.INPROGRESS)
        .setPeriod(new Period().setStart(Date.from(Instant.parse("2026-11-19T09:00:00Z"))));
    encounter.addIdentifier(EntryIdentity.of("session-1"));
    Dose colleagues = dose("colleagues", "2026-11-19T09:11:00Z");
    Dose elsewhere = dose("elsewhere", "2026-11-19T09:11:30Z");
    SessionRecord record = SessionRecord.of(encounter, "Encounter/7", List.of(given(FIRST, "Encounter/7")),
        List.of(given(SECOND, "Encounter/7")), ZoneOffset.UTC);

    List<Dose> doses = DosesSince.ofSession(record, List.of(given(SECOND, "Encounter/7"),
        given(colleagues, "urn:uuid:session-1"), given(elsewhere, "Encounter/8")));

    assertThat(doses).containsExactly(FIRST, colleagues, SECOND);
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

  private static Resource given(Dose dose, String session) {
    return EntryMapping.dose(dose, new SessionSubject("p1", Optional.of(new Reference(session)),
        Optional.of("Practitioner/t1"))).target();
  }

  private static Dose dose(String id, String at) {
    return new Dose(id, Drug.KETAMINE, new BigDecimal("32"), Route.IM, "KX24117", Instant.parse(at));
  }
}
