package org.kapcompanion.course;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kapcompanion.course.CourseFixtures.RULES;
import static org.kapcompanion.course.CourseFixtures.TODAY;
import static org.kapcompanion.course.CourseFixtures.condition;
import static org.kapcompanion.course.CourseFixtures.ketamine;
import static org.kapcompanion.course.CourseFixtures.session;

import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kapcompanion.record.Section;
import org.kapcompanion.vocabulary.Drug;
import org.kapcompanion.vocabulary.Route;

/** Every rule of the dependency and misuse watch, one row per case (defaults: 2 days, 50 mg, 700/1400 mg). */
class CourseSignalsTest {

  static Stream<Arguments> sessionRules() {
    return Stream.of(
        Arguments.of("sessions one day apart", List.of(ketamine(10, 100), ketamine(9, 100)),
            CourseSignals.SPACING, WatchItem.State.SIGNAL, "are 1 day apart; the protocol allows at least 2"),
        Arguments.of("sessions on the same day", List.of(ketamine(10, 100), ketamine(10, 100)),
            CourseSignals.SPACING, WatchItem.State.SIGNAL, "are 0 days apart"),
        Arguments.of("sessions two days apart", List.of(ketamine(10, 100), ketamine(8, 100)),
            CourseSignals.SPACING, WatchItem.State.CLEAR, "2 sessions recorded, none closer than 2 days"),
        Arguments.of("no sessions", List.of(), CourseSignals.SPACING, WatchItem.State.CLEAR,
            "None recorded in the EHR."),
        Arguments.of("dose raised by more than the step", List.of(ketamine(20, 100), ketamine(15, 151)),
            CourseSignals.STEP, WatchItem.State.SIGNAL, "raised from 100 mg to 151 mg on 2026-11-05 (+51 mg); the "
                + "protocol's step is at most 50 mg"),
        Arguments.of("dose raised by exactly the step", List.of(ketamine(20, 100), ketamine(15, 150)),
            CourseSignals.STEP, WatchItem.State.CLEAR, "No step above 50 mg"),
        Arguments.of("dose lowered", List.of(ketamine(20, 300), ketamine(15, 100)),
            CourseSignals.STEP, WatchItem.State.CLEAR, "No step above 50 mg"),
        Arguments.of("larger dose by another route is not a step",
            List.of(session(20, 50, Drug.KETAMINE, Route.IM), ketamine(15, 200)),
            CourseSignals.STEP, WatchItem.State.CLEAR, "No step above 50 mg"),
        Arguments.of("larger dose of another drug is not a step",
            List.of(session(20, 56, Drug.ESKETAMINE, Route.INTRANASAL), session(15, 84, Drug.KETAMINE,
                Route.INTRANASAL)), CourseSignals.STEP, WatchItem.State.CLEAR, "No step above 50 mg"),
        Arguments.of("a new course may start higher", List.of(ketamine(400, 50), ketamine(10, 200)),
            CourseSignals.STEP, WatchItem.State.CLEAR, "No step above 50 mg"),
        Arguments.of("over 700 mg in 30 days", List.of(ketamine(29, 300), ketamine(20, 200), ketamine(0, 201)),
            CourseSignals.WINDOW_30, WatchItem.State.SIGNAL, "701 mg since 2026-10-22 (limit 700 mg) — above the "
                + "protocol's limit."),
        Arguments.of("700 mg in 30 days is at the limit", List.of(ketamine(29, 300), ketamine(20, 200),
            ketamine(0, 200)), CourseSignals.WINDOW_30, WatchItem.State.CLEAR, "700 mg since 2026-10-22"),
        Arguments.of("a dose 30 days ago is outside the 30 days", List.of(ketamine(30, 600), ketamine(0, 200)),
            CourseSignals.WINDOW_30, WatchItem.State.CLEAR, "200 mg since 2026-10-22"),
        Arguments.of("over 1400 mg in 90 days", List.of(ketamine(89, 500), ketamine(60, 500), ketamine(30, 401)),
            CourseSignals.WINDOW_90, WatchItem.State.SIGNAL, "1401 mg since 2026-08-23 (limit 1400 mg)"),
        Arguments.of("a dose 90 days ago is outside the 90 days", List.of(ketamine(90, 1000), ketamine(3, 500)),
            CourseSignals.WINDOW_90, WatchItem.State.CLEAR, "500 mg since 2026-08-23"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sessionRules")
  void sessionRule(String unused, List<CourseSession> sessions, String check, WatchItem.State state,
      String finding) {
    List<WatchItem> items = CourseSignals.watch(Section.loaded(sessions), 0, Section.loaded(List.of()), RULES,
        TODAY);
    assertThat(items).filteredOn(item -> item.check().equals(check))
        .anySatisfy(item -> {
          assertThat(item.state()).isEqualTo(state);
          assertThat(item.finding()).contains(finding);
        })
        .allSatisfy(item -> assertThat(item.state()).isEqualTo(state));
  }

  @Test
  void everyPairTooCloseAndEveryStepTooLargeIsItsOwnSignal() {
    List<CourseSession> escalating = List.of(ketamine(12, 150), ketamine(9, 200), ketamine(8, 300),
        ketamine(6, 400), ketamine(5, 400));
    List<WatchItem> items = CourseSignals.watch(Section.loaded(escalating), 0, Section.loaded(List.of()), RULES,
        TODAY);
    assertThat(items).filteredOn(i -> i.check().equals(CourseSignals.SPACING)).extracting(WatchItem::finding)
        .containsExactly("Sessions on 2026-11-11 and 2026-11-12 are 1 day apart; the protocol allows at least 2.",
            "Sessions on 2026-11-14 and 2026-11-15 are 1 day apart; the protocol allows at least 2.");
    assertThat(items).filteredOn(i -> i.check().equals(CourseSignals.STEP)).hasSize(2);
    assertThat(items).filteredOn(WatchItem::signal).extracting(WatchItem::check)
        .contains(CourseSignals.WINDOW_30, CourseSignals.WINDOW_90);
  }

  static Stream<Arguments> conditions() {
    return Stream.of(
        Arguments.of("alcohol dependence in remission", condition("66590003", "Alcohol dependence (disorder)",
            "remission"), WatchItem.State.SIGNAL, "Alcohol dependence (disorder) — in remission."),
        Arguments.of("an active use disorder named in text", withText(condition("0", "x", "active"),
            "Opioid use disorder, moderate"), WatchItem.State.SIGNAL, "Opioid use disorder, moderate — active."),
        Arguments.of("a relapse", condition("66590003", "Alcohol dependence (disorder)", "relapse"),
            WatchItem.State.SIGNAL, "— relapse."),
        Arguments.of("a resolved use disorder", condition("66590003", "Alcohol dependence (disorder)", "resolved"),
            WatchItem.State.CLEAR, "None recorded in the EHR."),
        Arguments.of("a refuted use disorder", refuted(condition("66590003", "Alcohol dependence (disorder)",
            "active")), WatchItem.State.CLEAR, "None recorded in the EHR."),
        Arguments.of("another condition", condition("370143000", "Major depressive disorder (disorder)", "active"),
            WatchItem.State.CLEAR, "None recorded in the EHR."));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("conditions")
  void substanceUseHistory(String unused, Condition condition, WatchItem.State state, String finding) {
    List<WatchItem> items = CourseSignals.watch(Section.loaded(List.of()), 0, Section.loaded(List.of(condition)),
        RULES, TODAY);
    assertThat(items).filteredOn(item -> item.check().equals(CourseSignals.SUBSTANCE_USE)).singleElement()
        .satisfies(item -> {
          assertThat(item.state()).isEqualTo(state);
          assertThat(item.finding()).contains(finding);
        });
  }

  @Test
  void partsThatCouldNotBeReadAreNeverShownAsClear() {
    List<WatchItem> items = CourseSignals.watch(Section.unavailable("The EHR could not provide this just now."), 0,
        Section.<List<Resource>>unavailable("The EHR did not allow KAP Companion to read this."), RULES, TODAY);
    assertThat(items).hasSize(5).allSatisfy(item -> {
      assertThat(item.state()).isEqualTo(WatchItem.State.NOT_READ);
      assertThat(item.finding()).isEqualTo("Could not be read — check the chart.");
    });
  }

  @Test
  void unreadableAdministrationsLeaveTheCumulativeDoseUncheckedUnlessItIsAlreadyOver() {
    List<WatchItem> below = CourseSignals.watch(Section.loaded(List.of(ketamine(3, 100))), 2,
        Section.loaded(List.of()), RULES, TODAY);
    assertThat(below).filteredOn(i -> i.check().equals(CourseSignals.WINDOW_30)).singleElement()
        .satisfies(item -> {
          assertThat(item.state()).isEqualTo(WatchItem.State.NOT_READ);
          assertThat(item.finding()).contains("2 ketamine administrations could not be read — check the chart");
        });
    List<WatchItem> over = CourseSignals.watch(Section.loaded(List.of(ketamine(3, 800))), 1,
        Section.loaded(List.of()), RULES, TODAY);
    assertThat(over).filteredOn(i -> i.check().equals(CourseSignals.WINDOW_30)).extracting(WatchItem::state)
        .containsExactly(WatchItem.State.SIGNAL);
  }

  private static Condition withText(Condition condition, String text) {
    condition.getCode().setText(text);
    return condition;
  }

  private static Condition refuted(Condition condition) {
    condition.setVerificationStatus(new CodeableConcept(new Coding(
        "http://terminology.hl7.org/CodeSystem/condition-ver-status", "refuted", null)));
    return condition;
  }
}
