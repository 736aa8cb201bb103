package org.kapcompanion.recorded;

import java.math.BigDecimal;
import java.time.Instant;
import org.kapcompanion.vocabulary.Drug;
import org.kapcompanion.vocabulary.Route;

/**
 * The ketamine dose as recorded in the session.
 *
 * @param entryId the entry identifier
 * @param drug the medication
 * @param milligrams the dose in mg (the profile fixes the unit)
 * @param route how it was given
 * @param lot the lot number of the vial or device
 * @param effective when it was given; the session clock runs from here
 */
public record Dose(String entryId, Drug drug, BigDecimal milligrams, Route route, String lot, Instant effective) {

  /** How the dose reads on screen, e.g. "Ketamine 50 mg IM". */
  public String shown() {
    return drug.label() + " " + milligrams.stripTrailingZeros().toPlainString() + " mg " + route.label();
  }
}
