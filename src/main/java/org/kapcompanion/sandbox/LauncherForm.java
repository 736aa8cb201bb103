package org.kapcompanion.sandbox;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the launcher offers and preselects, computed from the sandbox's directory: a therapist signed in, each patient
 * with a one-line scenario and their own visits (today's, else the most recent, preselected), and the patient banner
 * as an EHR would ask for it.
 */
public final class LauncherForm {

  /** The {@code banner} choice that sends {@code need_patient_banner} as an EHR would: false in its frame, true in a window. */
  static final String BANNER_AS_EHR = "ehr";

  private LauncherForm() {}

  /**
   * A visit (Encounter) of a patient.
   *
   * @param day the day it started, as recorded, if it has a start
   */
  public record Visit(String id, String label, Optional<LocalDate> day) {}

  /**
   * A patient as the launcher lists them.
   *
   * @param scenario what their record lets one try, or an empty string
   * @param visits their visits, newest first
   * @param preselected the visit chosen until the user picks another, or {@code null} for "No encounter"
   */
  public record PatientChoice(String id, String label, String scenario, List<Visit> visits, String preselected) {}

  /** The practitioner chosen: the one asked for when known, else the first therapist, else the first listed. */
  static String practitioner(Map<String, String> practitioners, Set<String> therapists, String asked) {
    if (asked != null && practitioners.containsKey(asked)) {
      return asked;
    }
    return practitioners.keySet().stream().filter(therapists::contains).findFirst()
        .orElse(practitioners.keySet().stream().findFirst().orElse(null));
  }

  /** The patient chosen: the one asked for when known, else the first listed. */
  static String patient(Map<String, String> patients, String asked) {
    return asked != null && patients.containsKey(asked) ? asked : patients.keySet().stream().findFirst().orElse(null);
  }

  static List<PatientChoice> patients(Map<String, String> patients, Map<String, List<Visit>> visits,
      Map<String, String> scenarios, LocalDate today) {
    return patients.entrySet().stream().map(p -> {
      List<Visit> own = visits.getOrDefault(p.getKey(), List.of());
      return new PatientChoice(p.getKey(), p.getValue(), scenarios.getOrDefault(p.getKey(), ""), own,
          preselected(own, today).orElse(null));
    }).toList();
  }

  /** Today's visit if there is one, else the most recent one that started before today. */
  static Optional<String> preselected(List<Visit> newestFirst, LocalDate today) {
    Optional<Visit> todays = newestFirst.stream().filter(v -> v.day().filter(today::equals).isPresent()).findFirst();
    return todays.or(() -> newestFirst.stream().filter(v -> v.day().filter(today::isAfter).isPresent()).findFirst())
        .map(Visit::id);
  }

  /**
   * The {@code need_patient_banner} value sent (SMART App Launch 2.x §Launch context): {@code banner} is
   * {@value #BANNER_AS_EHR} (false in the EHR's frame, which shows the patient, true in a new window), {@code true} or
   * {@code false}; a plain {@code need_patient_banner=true} field is honoured too, and nothing sends false.
   */
  static boolean needPatientBanner(String banner, String legacyField, String mode) {
    if ("true".equals(legacyField)) {
      return true;
    }
    if (banner == null) {
      return false;
    }
    return switch (banner) {
      case "true" -> true;
      case BANNER_AS_EHR -> "window".equals(mode);
      default -> false;
    };
  }
}
