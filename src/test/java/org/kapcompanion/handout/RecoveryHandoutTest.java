package org.kapcompanion.handout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.kapcompanion.config.ClinicalProtocol;
import org.junit.jupiter.api.Test;

class RecoveryHandoutTest {

  private static final ZonedDateTime DISCHARGE = ZonedDateTime.of(2026, 6, 2, 14, 30, 0, 0,
      ZoneId.of("America/Los_Angeles"));

  private static ClinicalProtocol protocol(ClinicalProtocol.Clinic clinic, String template) {
    return new ClinicalProtocol(List.of(), List.of(), new ClinicalProtocol.BloodPressure(140, 90), null, null, null,
        List.of(new ClinicalProtocol.FollowUp("24h", 24, ChronoUnit.HOURS),
            new ClinicalProtocol.FollowUp("72h", 72, ChronoUnit.HOURS)), clinic, template);
  }

  @Test
  void placeholdersAreFilledFromTheClinicDischargeTimeAndFirstFollowUp() {
    ClinicalProtocol protocol = protocol(new ClinicalProtocol.Clinic("Harbor Clinic", "555-0100", "988"), "");
    String filled = RecoveryHandout.fill("You left {{clinicName}} at {{dischargeTime}}. Next: {{nextFollowUp}}. "
        + "Call {{clinicPhone}} or {{ crisisLine }}. {{unknown}}", RecoveryHandout.values(protocol, DISCHARGE));

    assertThat(RecoveryHandout.toHtml(filled)).contains("You left Harbor Clinic at 14:30 on Tuesday 2 June.")
        .contains("Next: around 14:30 on Wednesday 3 June (24 hours after your session).")
        .contains("Call 555-0100").contains("or 988.").contains("{{unknown}}");
  }

  @Test
  void beforeDischargeTheHandoutDoesNotSayWhenThePatientLeft() {
    String template = "# After your session\n\nYou left {{clinicName}} at {{dischargeTime}}. Ketamine's effects fade.\n"
        + "\nCall {{clinicPhone}}.";

    assertThat(RecoveryHandout.beforeDischarge(template)).doesNotContain("You left", "dischargeTime")
        .contains("# After your session", "Ketamine's effects fade.", "Call {{clinicPhone}}.");
  }

  @Test
  void rawHtmlAndScriptLinksInTheTemplateAreShownInert() {
    String html = RecoveryHandout.toHtml("# Rest\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n"
        + "[call us](javascript:alert(3)) and **drink water**");

    assertThat(html).doesNotContain("<script", "<img", "href=\"javascript")
        .contains("&lt;script&gt;", "<h1>Rest</h1>", "<strong>drink water</strong>");
  }

  @Test
  void hostileClinicValuesAreFilledInAsPlainTextNotMarkup() {
    ClinicalProtocol protocol = protocol(new ClinicalProtocol.Clinic("<b onmouseover=x>Evil</b> *Clinic*",
        "[tap](javascript:alert(1))", "988\n\n# Injected heading"), "");
    String html = RecoveryHandout.toHtml(RecoveryHandout.fill("Call {{clinicName}} on {{clinicPhone}}, {{crisisLine}}",
        RecoveryHandout.values(protocol, DISCHARGE)));

    assertThat(html).doesNotContain("<b ", "<em>", "<a ", "<h1>")
        .contains("&lt;b onmouseover=x&gt;Evil&lt;/b&gt; *Clinic*", "[tap](javascript:alert(1))",
            "988 # Injected heading");
  }

  @Test
  void withoutAFollowUpScheduleThePatientIsToldTheClinicArrangesIt() {
    ClinicalProtocol protocol = new ClinicalProtocol(List.of(), List.of(), new ClinicalProtocol.BloodPressure(140, 90),
        null, null, null, List.of(), new ClinicalProtocol.Clinic("C", "1", "2"), "");
    assertThat(RecoveryHandout.values(protocol, DISCHARGE)).containsEntry("nextFollowUp",
        "the one your clinic arranges with you");
    assertThat(Map.copyOf(RecoveryHandout.values(protocol, DISCHARGE))).containsKeys(
        ClinicalProtocol.RECOVERY_PLACEHOLDERS.toArray(String[]::new));
  }
}
