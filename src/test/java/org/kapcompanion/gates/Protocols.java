package org.kapcompanion.gates;

import java.util.List;
import java.util.Map;
import org.kapcompanion.config.ClinicalProtocol;
import org.kapcompanion.config.CourseRules;

/** The shipped protocol's defaults, as the gate tests use them, with one setting changed where a test says so. */
final class Protocols {

  static final ClinicalProtocol.AlertRules ALERTS = new ClinicalProtocol.AlertRules(
      new ClinicalProtocol.BloodPressure(180, 110), 2, 5, 120, 5, 92, 2,
      new ClinicalProtocol.Severe(new ClinicalProtocol.BloodPressure(180, 110), 90, 2, 130, 45));
  static final ClinicalProtocol.Monitoring MONITORING = new ClinicalProtocol.Monitoring(List.of(0, 40), true, 15,
      120, new ClinicalProtocol.RemsWindow(25, 40, 60), 5);

  private Protocols() {}

  static ClinicalProtocol defaults() {
    return with(ClinicalProtocol.Gates.DEFAULTS);
  }

  static ClinicalProtocol with(ClinicalProtocol.Gates gates) {
    return new ClinicalProtocol(List.of(), List.of(), new ClinicalProtocol.BloodPressure(140, 90), ALERTS, MONITORING,
        new ClinicalProtocol.Fasting(2, 30), List.of(), new ClinicalProtocol.Clinic("Clinic", "555", "988"), "",
        CourseRules.defaults(), gates, Map.of());
  }

  static ClinicalProtocol withDischarge(ClinicalProtocol.Discharge discharge) {
    return with(new ClinicalProtocol.Gates(discharge, ClinicalProtocol.Gates.DEFAULTS.start(),
        ClinicalProtocol.Gates.DEFAULTS.baselineMaxAgeMinutes()));
  }

  static ClinicalProtocol withStart(Map<String, ClinicalProtocol.Consequence> start) {
    return with(new ClinicalProtocol.Gates(ClinicalProtocol.Gates.DEFAULTS.discharge(), start,
        ClinicalProtocol.Gates.DEFAULTS.baselineMaxAgeMinutes()));
  }
}
