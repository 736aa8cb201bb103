package org.kapcompanion.preparation;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kapcompanion.forms.Answers;
import org.kapcompanion.forms.FormCatalog;
import org.kapcompanion.forms.FormInput;
import org.kapcompanion.forms.FormResponses;
import org.kapcompanion.forms.FormReview;
import org.kapcompanion.forms.QuestionnaireForm;
import org.kapcompanion.forms.ResponseMapper;
import org.kapcompanion.writeback.ConformancePackage;

/** Preparation notes as form answers and as a QuestionnaireResponse, both ways, and which saved notes are shown. */
class PreparationResponseTest {

  private static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T18:00:00Z"), ZONE);
  private static final String READINESS = "http://kapcompanion.org/fhir/CodeSystem/kap-readiness";
  private static QuestionnaireForm preparation;

  @BeforeAll
  static void load() {
    preparation = new FormCatalog(ConformancePackage.fromClasspath(FhirContext.forR4Cached()))
        .form(FormCatalog.PREPARATION).orElseThrow();
  }

  private static Answers submitted(String... pairs) {
    Map<String, List<String>> fields = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      fields.put(pairs[i], List.of(pairs[i + 1]));
    }
    return FormInput.parse(preparation, fields, CLOCK).answers();
  }

  private static QuestionnaireResponse response(Answers answers, String entryId, Instant authored) {
    return ResponseMapper.toResponse(preparation, answers, new ResponseMapper.Context(entryId, "Patient/p1",
        Optional.of("Encounter/e1"), Optional.of("Practitioner/t1"), Date.from(authored),
        FormReview.missing(preparation, answers).isEmpty()));
  }

  @Test
  void submittedNotesBecomeACompletedResponseAndReadBackUnchanged() {
    Answers answers = submitted("intentions", "To feel <something> again; \"harbor\"", "coping",
        "Slow exhale\nweighted blanket", "readiness", READINESS + "|ready", "transport", "Partner drives",
        "support-person", "Daniel, mobile");

    QuestionnaireResponse response = response(answers, "e-1", Instant.parse("2026-06-01T17:00:00Z"));

    assertThat(response.getStatus()).isEqualTo(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
    assertThat(response.getQuestionnaire()).isEqualTo(FormCatalog.PREPARATION);
    assertThat(response.getItem()).extracting(QuestionnaireResponse.QuestionnaireResponseItemComponent::getLinkId)
        .containsExactly("intentions", "coping", "readiness", "support-person", "transport");
    Answers back = ResponseMapper.fromResponse(response);
    assertThat(back.first("intentions").orElseThrow().primitiveValue()).isEqualTo("To feel <something> again; \"harbor\"");
    assertThat(back.first("coping").orElseThrow().primitiveValue()).isEqualTo("Slow exhale\nweighted blanket");
    assertThat(((Coding) back.first("readiness").orElseThrow()).getCode()).isEqualTo("ready");
  }

  @Test
  void safetyPlanSetAndSettingAndFastingInstructionsAreSavedAndReadBack() {
    Answers answers = submitted("safety-plan", "Warning sign: not sleeping.\nCall sister, then the clinic; 988.",
        "setting-music", "Instrumental, no lyrics", "setting-eyeshades", "true", "setting-touch",
        "Hand on shoulder only when asked", "fasting-instructed", "true");

    QuestionnaireResponse response = response(answers, "e-3", Instant.parse("2026-06-01T17:00:00Z"));

    assertThat(response.getItem()).extracting(QuestionnaireResponse.QuestionnaireResponseItemComponent::getLinkId)
        .containsExactly("safety-plan", "setting-music", "setting-eyeshades", "setting-touch", "fasting-instructed");
    Answers back = ResponseMapper.fromResponse(response);
    assertThat(back.first("safety-plan").orElseThrow().primitiveValue()).endsWith("the clinic; 988.");
    assertThat(back.first("setting-music").orElseThrow().primitiveValue()).isEqualTo("Instrumental, no lyrics");
    assertThat(back.first("setting-eyeshades").orElseThrow().primitiveValue()).isEqualTo("true");
    assertThat(back.first("setting-touch").orElseThrow().primitiveValue()).isEqualTo("Hand on shoulder only when asked");
    assertThat(back.first("fasting-instructed").orElseThrow().primitiveValue()).isEqualTo("true");
  }

  @Test
  void notesWithoutRequiredAnswersAreSavedInProgress() {
    QuestionnaireResponse response = response(submitted("triggers", "Raised voices"), "e-2", Instant.now());
    assertThat(response.getStatus()).isEqualTo(QuestionnaireResponse.QuestionnaireResponseStatus.INPROGRESS);
  }

  @Test
  void theNewestPreparationResponseIsShownWhetherFromTheEhrOrStillUnsent() {
    Answers answers = submitted("intentions", "x", "readiness", READINESS + "|ready", "transport", "bus");
    QuestionnaireResponse older = response(answers, "old", Instant.parse("2026-05-01T10:00:00Z"));
    QuestionnaireResponse unsent = response(answers, "new", Instant.parse("2026-06-01T10:00:00Z"));
    QuestionnaireResponse otherForm = response(answers, "other", Instant.parse("2026-07-01T10:00:00Z"))
        .setQuestionnaire(FormCatalog.PREDOSE_CHECKLIST);

    assertThat(FormResponses.latest(FormCatalog.PREPARATION, List.of(older, new Observation(), unsent, otherForm),
        Optional.empty(), ZONE)).hasValueSatisfying(r -> assertThat(r.getIdentifier().getValue()).isEqualTo("new"));
    assertThat(FormResponses.latest(FormCatalog.PREPARATION, List.of(older, unsent),
        Optional.of(LocalDate.of(2026, 5, 1)), ZONE))
        .hasValueSatisfying(r -> assertThat(r.getIdentifier().getValue()).isEqualTo("old"));
    assertThat(FormResponses.latest(FormCatalog.PREPARATION, List.of(older), Optional.of(LocalDate.of(2026, 6, 2)),
        ZONE)).isEmpty();
  }
}
