package org.kapcompanion.recorded;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.kapcompanion.vocabulary.Drug;
import org.kapcompanion.vocabulary.Route;

/**
 * One dose of the session as recorded; a session may hold several (a top-up, a second dose).
 *
 * @param entryId the entry identifier
 * @param drug the medication
 * @param milligrams the dose in mg (the profile fixes the unit)
 * @param route how it was given
 * @param lot the lot number of the vial or device
 * @param effective when it was given
 */
public record Dose(String entryId, Drug drug, BigDecimal milligrams, Route route, String lot, Instant effective) {

  /** How the dose reads on screen, e.g. "Ketamine 50 mg IM". */
  public String shown() {
    return drug.label() + " " + mg(milligrams) + " " + route.label();
  }

  /**
   * What {@code doses} add up to, per drug in the order first given, e.g. "Ketamine 72 mg" or "Ketamine 32 mg +
   * Esketamine nasal spray 28 mg"; empty without a dose.
   */
  public static String total(List<Dose> doses) {
    Map<Drug, BigDecimal> byDrug = new LinkedHashMap<>();
    doses.forEach(dose -> byDrug.merge(dose.drug(), dose.milligrams(), BigDecimal::add));
    return byDrug.entrySet().stream().map(e -> e.getKey().label() + " " + mg(e.getValue()))
        .collect(Collectors.joining(" + "));
  }

  /** Every dose in {@code doses} added up, in mg. */
  public static BigDecimal totalMilligrams(List<Dose> doses) {
    return doses.stream().map(Dose::milligrams).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** A session's dose in mg as a table shows it, e.g. "50", every dose added up, e.g. "72 (32 + 40)", or "—". */
  public static String milligrams(List<Dose> doses) {
    if (doses.size() < 2) {
      return doses.isEmpty() ? "—" : plain(totalMilligrams(doses));
    }
    return plain(totalMilligrams(doses)) + " (" + doses.stream().map(d -> plain(d.milligrams()))
        .collect(Collectors.joining(" + ")) + ")";
  }

  /** What {@code doses} have in {@code what}, each once in the order first given, e.g. "IM" or "IM, IV". */
  public static String distinct(List<Dose> doses, Function<Dose, String> what) {
    return doses.stream().map(what).distinct().collect(Collectors.joining(", "));
  }

  /** A number of mg as shown, without trailing zeros, e.g. "32" or "12.5". */
  public static String plain(BigDecimal milligrams) {
    return milligrams.stripTrailingZeros().toPlainString();
  }

  private static String mg(BigDecimal milligrams) {
    return plain(milligrams) + " mg";
  }
}
