package org.kapcompanion.monitoring;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

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
record Dose(String entryId, Drug drug, BigDecimal milligrams, Route route, String lot, Instant effective) {

  /** The medications of the {@code kap-ketamine-medication} ValueSet (RxNorm). */
  enum Drug {
    KETAMINE("6130", "ketamine", "Ketamine"),
    ESKETAMINE("2201623", "esketamine Nasal Spray", "Esketamine nasal spray");

    final String rxnorm;
    final String display;
    final String label;

    Drug(String rxnorm, String display, String label) {
      this.rxnorm = rxnorm;
      this.display = display;
      this.label = label;
    }

    static Optional<Drug> byCode(String code) {
      return List.of(values()).stream().filter(d -> d.rxnorm.equals(code)).findFirst();
    }

    public String code() {
      return rxnorm;
    }

    public String label() {
      return label;
    }
  }

  /** The routes of the {@code kap-administration-route} ValueSet (SNOMED CT). */
  enum Route {
    IM("78421000", "Intramuscular route", "IM"),
    IV("47625008", "Intravenous route", "IV"),
    SUBLINGUAL("37839007", "Sublingual route", "Sublingual"),
    INTRANASAL("46713006", "Nasal route", "Intranasal"),
    ORAL("26643006", "Oral route", "Oral");

    final String snomed;
    final String display;
    final String label;

    Route(String snomed, String display, String label) {
      this.snomed = snomed;
      this.display = display;
      this.label = label;
    }

    static Optional<Route> byCode(String code) {
      return List.of(values()).stream().filter(r -> r.snomed.equals(code)).findFirst();
    }

    public String code() {
      return snomed;
    }

    public String label() {
      return label;
    }
  }

  /** How the dose reads on screen, e.g. "Ketamine 50 mg IM". */
  String shown() {
    return drug.label + " " + milligrams.stripTrailingZeros().toPlainString() + " mg " + route.label;
  }
}
