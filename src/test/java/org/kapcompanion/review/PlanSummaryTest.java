package org.kapcompanion.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.List;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.DateTimeType;
import org.junit.jupiter.api.Test;

class PlanSummaryTest {

  private static final ZoneId CLINIC = ZoneId.of("Europe/Oslo");

  @Test
  void thePlansTimeIsOnTheClinicsClockLikeThePagesOtherTimes() {
    CarePlan plan = new CarePlan().setTitle("Integration plan");
    plan.setCreatedElement(new DateTimeType("2026-12-05T05:41:13+00:00"));
    assertThat(PlanSummary.of(List.of(plan), CLINIC)).get().extracting(SessionView.Plan::date)
        .isEqualTo("2026-12-05 06:41");
  }

  @Test
  void aPlanDatedWithoutATimeKeepsItsDate() {
    CarePlan plan = new CarePlan();
    plan.setCreatedElement(new DateTimeType("2026-12-05"));
    assertThat(PlanSummary.of(List.of(plan), CLINIC)).get().extracting(SessionView.Plan::date)
        .isEqualTo("2026-12-05");
  }
}
