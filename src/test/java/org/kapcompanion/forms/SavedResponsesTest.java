package org.kapcompanion.forms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/**
 * "Nothing saved and the EHR could not be read" (H-SAF-10), decided once for the preparation page and the pre-dose
 * checklist: only when no response is known at all and the EHR's read failed.
 */
class SavedResponsesTest {

  private static final QuestionnaireForm FORM = new QuestionnaireForm(
      new Questionnaire().setUrl("http://example.org/Questionnaire/notes"), valueSet -> List.of());

  @Test
  void anUnreadEhrWithNothingWaitingIsNotKnownToHoldNothing() {
    assertThat(saved(Optional.empty(), List.of()).noneKnownAndEhrUnread(FORM, Optional.empty())).isTrue();
  }

  @Test
  void anEhrThatAnsweredNoneIsNotUnread() {
    assertThat(saved(Optional.of(List.of()), List.of()).noneKnownAndEhrUnread(FORM, Optional.empty())).isFalse();
  }

  @Test
  void aResponseStillWaitingToBeSentIsKnownEvenWhenTheEhrCouldNotBeRead() {
    QuestionnaireResponse waiting = new QuestionnaireResponse().setQuestionnaire(FORM.canonical())
        .setAuthored(new Date());
    assertThat(saved(Optional.empty(), List.of(waiting)).noneKnownAndEhrUnread(FORM, Optional.empty())).isFalse();
  }

  @Test
  void theUnsentResponsesAreReadFromTheStoreOnceForAPage() {
    AtomicInteger reads = new AtomicInteger();
    FormResponses.Saved saved = new FormResponses.Saved(CompletableFuture.completedFuture(Optional.of(List.of())),
        () -> {
          reads.incrementAndGet();
          return List.of();
        }, ZoneOffset.UTC);

    saved.latest(FORM, Optional.empty());
    saved.noneKnownAndEhrUnread(FORM, Optional.empty());

    assertThat(reads).hasValue(1);
  }

  private static FormResponses.Saved saved(Optional<List<Resource>> onEhr, List<Resource> unsent) {
    return new FormResponses.Saved(CompletableFuture.completedFuture(onEhr), () -> unsent, ZoneOffset.UTC);
  }
}
