package org.kapcompanion.record;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;

/**
 * A newest-first search read only as far as the EHR's first page: whether the EHR holds more than that page, and the
 * prior sessions such a page shows whole, so a list cut at the page's end is never shown as the complete record.
 */
final class FirstPage {

  private FirstPage() {}

  /** The page's resources, marked when the EHR holds more (a next page, or a total above the page's matches). */
  static RecordMapper.PartResult read(Bundle page) {
    boolean more = page.getLink(Bundle.LINK_NEXT) != null || RecordMapper.cutShort(page);
    return new RecordMapper.PartResult(RecordMapper.resourcesOf(page), Optional.empty(), more);
  }

  /**
   * The sessions to list from administrations read newest first. When the EHR holds older administrations, the
   * sessions of the oldest listed day are left out too: the rest of their doses may lie past the page.
   */
  static PatientRecord.PriorSessions wholeSessions(List<PatientRecord.PriorSession> newestFirst, boolean moreInEhr) {
    if (!moreInEhr || newestFirst.isEmpty()) {
      return new PatientRecord.PriorSessions(newestFirst, moreInEhr);
    }
    Optional<LocalDate> oldestDay = newestFirst.get(newestFirst.size() - 1).date();
    return new PatientRecord.PriorSessions(
        newestFirst.stream().filter(session -> !session.date().equals(oldestDay)).toList(), true);
  }
}
