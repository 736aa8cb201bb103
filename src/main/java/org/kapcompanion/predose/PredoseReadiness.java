package org.kapcompanion.predose;

import org.kapcompanion.forms.FormCatalog;
import org.kapcompanion.forms.FormResponses;
import org.kapcompanion.forms.FormReview;
import org.kapcompanion.forms.QuestionnaireForm;
import org.kapcompanion.forms.ResponseMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.hl7.fhir.r4.model.Resource;
import org.kapcompanion.config.ClinicalProtocol;
import org.kapcompanion.gates.StartGate;

/**
 * Whether the dosing session may start, judged from the latest pre-dose checklist saved today: ready, not saved
 * today, or the reason for each item still open. Pure.
 */
public final class PredoseReadiness {

  private final QuestionnaireForm form;
  private final StartGate gate;
  private final ZoneId zone;
  private final int baselineMaxAgeMinutes;

  public PredoseReadiness(FormCatalog catalog, ClinicalProtocol protocol, ZoneId zone) {
    this.form = catalog.shipped(FormCatalog.PREDOSE_CHECKLIST);
    this.gate = new StartGate(protocol.gates(), zone);
    this.zone = zone;
    this.baselineMaxAgeMinutes = protocol.gates().baselineMaxAgeMinutes();
  }

  /**
   * The state of today's checklist.
   *
   * @param saved whether a pre-dose checklist was saved today
   * @param blockers what keeps the latest one from being complete, one reason per item; empty when it is complete
   */
  public record Status(boolean saved, List<FormReview.Missing> blockers) {

    public boolean canStart() {
      return saved && blockers.isEmpty();
    }
  }

  /** The state of today's checklist among {@code responses} (those of the EHR and the unsent ones; others ignored). */
  public Status of(Collection<? extends Resource> responses, Instant now) {
    return of(responses, now, Optional.empty());
  }

  /**
   * The state of today's checklist among {@code responses}, judged again by the start gate from its recorded answers
   * (its status alone is not trusted) at {@code now}, or at the start of the session that used it: its baseline must
   * have been taken recently enough before then. A checklist authored before {@code lastSessionStart} was used by that
   * session and starts no other.
   */
  public Status of(Collection<? extends Resource> responses, Instant now, Optional<Instant> lastSessionStart) {
    Optional<QuestionnaireResponse> latest = FormResponses.latest(form.canonical(), responses,
        Optional.of(LocalDate.ofInstant(now, zone)), zone);
    if (latest.isEmpty()) {
      return new Status(false, List.of());
    }
    Instant authored = latest.get().getAuthored().toInstant();
    Optional<Instant> usedBy = lastSessionStart.filter(start -> !start.isBefore(authored));
    BaselineAge age = BaselineAge.of(baselineMaxAgeMinutes, usedBy.orElse(now).atZone(zone));
    List<FormReview.Missing> blockers = PredoseGate.blockers(form, ResponseMapper.fromResponse(latest.get()), gate,
        usedBy, age);
    if (latest.get().getStatus() == QuestionnaireResponseStatus.COMPLETED) {
      return new Status(true, blockers);
    }
    return new Status(true, blockers.isEmpty()
        ? List.of(new FormReview.Missing("", "Pre-dose checklist", "Saved as in progress: open it and save it again."))
        : blockers);
  }
}
