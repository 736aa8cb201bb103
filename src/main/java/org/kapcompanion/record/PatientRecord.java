package org.kapcompanion.record;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.kapcompanion.recorded.Dose;
import org.kapcompanion.vocabulary.Coded;
import org.kapcompanion.vocabulary.OutcomeScore;
import org.kapcompanion.vocabulary.Systems;

/**
 * The patient's record as read at launch, shaped for the session pages: every part is a {@link Section} so a
 * failed read shows as a message in its place.
 */
public record PatientRecord(
    Section<Patient> patient,
    Section<List<Condition>> conditions,
    Section<List<Medication>> medications,
    Section<Allergies> allergies,
    Section<List<VitalSign>> latestVitals,
    Section<List<ScoreSeries>> outcomeScores,
    Section<PriorSessions> priorSessions,
    Optional<String> clinicianName) {

  /**
   * The patient's initials for the window title ("Marisol Quintero-Hale": "MQ-H"), so two windows on two patients
   * cannot be confused; empty when the patient could not be read.
   */
  public static String initialsOf(PatientRecord record) {
    return record == null || !record.patient().isLoaded() ? "" : record.patient().value().initials();
  }

  /** Who the patient is, for the banner. */
  public record Patient(String name, Optional<LocalDate> birthDate, Optional<Integer> age, String gender,
      Optional<String> mrn) {

    /** The first letter of each part of the name, a hyphenated part keeping its hyphen. */
    public String initials() {
      StringBuilder initials = new StringBuilder();
      for (String word : name.trim().split("\\s+")) {
        String[] parts = word.split("-");
        for (int i = 0; i < parts.length; i++) {
          if (!parts[i].isEmpty()) {
            initials.append(i > 0 ? "-" : "").appendCodePoint(Character.toUpperCase(parts[i].codePointAt(0)));
          }
        }
      }
      return initials.toString();
    }
  }

  /** A condition, with the protocol's flag when it contraindicates or calls for caution. */
  public record Condition(String name, String status, boolean active, Optional<String> onset,
      Optional<ProtocolFlag> flag) {}

  /** A current medication, with the protocol's interaction flag when it interacts with ketamine. */
  public record Medication(String name, String status, Optional<String> dosage, Optional<ProtocolFlag> interaction) {}

  /**
   * The patient's allergies as the EHR records them: the allergies and intolerances, and the "no known …" assertions
   * it holds (SNOMED, {@link org.kapcompanion.vocabulary.NoKnownAllergy}) as the page words them.
   */
  public record Allergies(List<Allergy> recorded, List<String> noneKnown) {}

  /** An allergy or intolerance. */
  public record Allergy(String substance, Optional<String> reaction, Optional<String> criticality) {}

  /** The latest value of one vital sign, with what needs attention about it (e.g. above the pre-dose BP gate). */
  public record VitalSign(String label, String value, String unit, Optional<OffsetDateTime> when,
      Optional<String> attention) {}

  /** A series of outcome-scale totals (PHQ-9, GAD-7, PCL-5), oldest first. */
  public record ScoreSeries(String name, String code, int maximum, List<ScorePoint> points) {

    public Optional<ScorePoint> latest() {
      return points.isEmpty() ? Optional.empty() : Optional.of(points.get(points.size() - 1));
    }

    /** How the scale is scored, e.g. "0–27, self-report". */
    public String range() {
      return Coded.of(OutcomeScore.class, Systems.LOINC, code).map(OutcomeScore::range).orElse("0–" + maximum);
    }

    public Optional<Integer> changeSinceFirst() {
      return points.size() < 2 ? Optional.empty()
          : Optional.of(points.get(points.size() - 1).value() - points.get(0).value());
    }
  }

  /** One scale total on one day. */
  public record ScorePoint(LocalDate date, int value) {}

  /**
   * A past dosing session at a glance: every dose given in it (a top-up is a dose of its own), with the session's
   * observations once.
   *
   * @param date the day of its first administration
   * @param withoutSession whether the dose was recorded without a session Encounter, so it stands as a row of its own
   * @param doses the doses that could be read, oldest first
   * @param unreadableDoses the session's ketamine administrations that could not be read as a dose (not in the total)
   * @param lowestSedationScore the lowest MOAA/S recorded in the session
   * @param highestDissociation the highest dissociation score recorded in the session
   * @param highestBloodPressure the blood pressure with the highest systolic recorded in the session
   * @param themes the session's themes
   */
  public record PriorSession(Optional<LocalDate> date, boolean withoutSession, List<Dose> doses, int unreadableDoses,
      Optional<Integer> lowestSedationScore, Optional<Integer> highestDissociation, Optional<String> highestBloodPressure,
      List<String> themes) {

    public PriorSession {
      doses = List.copyOf(doses);
      themes = List.copyOf(themes);
    }

    /** The drugs given, e.g. "Ketamine", or "—" when no dose could be read. */
    public String drug() {
      return doses.isEmpty() ? "—" : Dose.distinct(doses, d -> d.drug().label());
    }

    /** The session's dose in mg as the course shows it, e.g. "72 (32 + 40)", or "—". */
    public String milligrams() {
      return Dose.milligrams(doses);
    }

    /** The routes, e.g. "Intramuscular route", or "—" when no dose could be read. */
    public String route() {
      return doses.isEmpty() ? "—" : Dose.distinct(doses, d -> d.route().code().display());
    }
  }

  /**
   * The prior sessions the record lists, newest first.
   *
   * @param olderNotShown whether the EHR holds older administrations than were read, so older sessions are missing
   */
  public record PriorSessions(List<PriorSession> listed, boolean olderNotShown) {

    public PriorSessions {
      listed = List.copyOf(listed);
    }
  }

  /** Why the protocol flags an item: a label such as "Benzodiazepine" and what to consider. */
  public record ProtocolFlag(String severity, String label, String concern) {}
}
