package org.kapcompanion.course;

import java.util.List;
import org.kapcompanion.record.Section;

/**
 * The patient's KAP treatment course as read from the EHR, shaped for the course page and the pre-dose notice. A part
 * that could not be read is a {@link Section} with its problem, shown as "Could not be read — check the chart".
 *
 * @param sessions the current course's dosing sessions, oldest first
 * @param earlierSessions how many sessions belong to earlier courses
 * @param stand where the patient stands in the planned series
 * @param scales each outcome scale against the course's baseline
 * @param watch the dependency and misuse watch's checks, each with its finding
 * @param consent the course's informed consent
 */
public record Course(Section<List<CourseSession>> sessions, int earlierSessions, Section<CourseStand> stand,
    Section<List<ScaleProgress>> scales, List<WatchItem> watch, Section<CourseConsent> consent) {

  public Course {
    watch = List.copyOf(watch);
  }

  /** The watch's signals and the checks that could not be made, which the pre-dose page and the review show. */
  public List<WatchItem> attention() {
    return watch.stream().filter(item -> item.state() != WatchItem.State.CLEAR).toList();
  }

  /** The signals only. */
  public List<WatchItem> signals() {
    return watch.stream().filter(WatchItem::signal).toList();
  }
}
