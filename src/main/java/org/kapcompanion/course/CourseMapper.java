package org.kapcompanion.course;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Resource;
import org.kapcompanion.config.CourseRules;
import org.kapcompanion.record.Section;

/** Turns the course's reads into the {@link Course} view model. Pure: today and the time zone are passed in. */
final class CourseMapper {

  private final CourseRules rules;
  private final ZoneId zone;

  CourseMapper(CourseRules rules, ZoneId zone) {
    this.rules = rules;
    this.zone = zone;
  }

  Course map(Map<CoursePart, Section<List<Resource>>> parts, LocalDate today) {
    Optional<String> sessionProblem = problem(parts, CoursePart.ADMINISTRATIONS, CoursePart.ENCOUNTERS,
        CoursePart.OBSERVATIONS, CoursePart.FLAGS);
    Section<List<Resource>> conditions = parts.getOrDefault(CoursePart.CONDITIONS, Section.unavailable("Not read."));
    Section<CourseConsent> consent = consent(parts.getOrDefault(CoursePart.CONSENTS,
        Section.unavailable("Not read.")), today);
    if (sessionProblem.isPresent()) {
      Section<List<CourseSession>> none = Section.unavailable(sessionProblem.get());
      return new Course(none, 0, Section.unavailable(sessionProblem.get()), Section.unavailable(sessionProblem.get()),
          CourseSignals.watch(none, 0, conditions, rules, today), consent);
    }
    CourseSessions.Built built = CourseSessions.build(parts.get(CoursePart.ADMINISTRATIONS).value(),
        parts.get(CoursePart.ENCOUNTERS).value(), parts.get(CoursePart.OBSERVATIONS).value(),
        parts.get(CoursePart.FLAGS).value(), zone);
    List<CourseSession> current = CourseStand.currentCourse(built.sessions(), rules);
    Optional<LocalDate> start = current.stream().filter(CourseSession::dosed).map(CourseSession::date)
        .findFirst();
    List<ScaleProgress> scales = MeasurementCare.of(parts.get(CoursePart.OBSERVATIONS).value(), start, rules, today,
        zone);
    return new Course(Section.loaded(current), built.sessions().size() - current.size(),
        Section.loaded(CourseStand.of(current, rules, today)), Section.loaded(scales),
        CourseSignals.watch(Section.loaded(built.sessions()), built.unreadableDoses(), conditions, rules, today),
        consent);
  }

  /** The treatment consent from the patient's Consent resources, or why they could not be read. */
  Section<CourseConsent> consent(Section<List<Resource>> consents, LocalDate today) {
    return consents.isLoaded() ? Section.loaded(ConsentMapping.of(consents.value(), rules.consent(), today, zone))
        : Section.unavailable(consents.message());
  }

  private static Optional<String> problem(Map<CoursePart, Section<List<Resource>>> parts, CoursePart... needed) {
    List<String> problems = new ArrayList<>();
    for (CoursePart part : needed) {
      Section<List<Resource>> read = parts.get(part);
      if (read == null || !read.isLoaded()) {
        problems.add(read == null ? "Not read." : read.message());
      }
    }
    return problems.stream().distinct().reduce((a, b) -> a + " " + b);
  }
}
