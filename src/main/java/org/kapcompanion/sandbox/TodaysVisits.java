package org.kapcompanion.sandbox;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;

/**
 * Books today's clinic visit for each seeded patient at every start (an arrived ambulatory Encounter dated today, one
 * id per patient and day), so the launcher has a visit of today to preselect however long ago the seed was loaded.
 */
final class TodaysVisits {

  static final String TYPE = "KAP clinic visit";

  private final DaoRegistry daos;

  TodaysVisits(DaoRegistry daos) {
    this.daos = daos;
  }

  /** Writes today's visit of each patient that exists; writing it again the same day changes nothing. */
  int book(Collection<String> patientIds, LocalDate today) {
    IFhirResourceDao<Encounter> encounters = daos.getResourceDao(Encounter.class);
    int booked = 0;
    for (String patientId : patientIds) {
      if (exists(patientId)) {
        encounters.update(visit(patientId, today), new SystemRequestDetails());
        booked++;
      }
    }
    return booked;
  }

  /** The visit of {@code patientId} on {@code day}: id {@code <patient>-visit-<yyyyMMdd>}, start the day itself. */
  static Encounter visit(String patientId, LocalDate day) {
    Encounter visit = new Encounter();
    visit.setId(patientId + "-visit-" + day.format(DateTimeFormatter.BASIC_ISO_DATE));
    visit.setStatus(Encounter.EncounterStatus.ARRIVED);
    visit.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", "ambulatory"));
    visit.addType().setText(TYPE);
    visit.setSubject(new Reference("Patient/" + patientId));
    visit.getPeriod().setStartElement(new DateTimeType(day.toString()));
    return visit;
  }

  private boolean exists(String patientId) {
    try {
      daos.getResourceDao(Patient.class).read(new IdType("Patient", patientId), new SystemRequestDetails());
      return true;
    } catch (ResourceNotFoundException | ResourceGoneException e) {
      return false;
    }
  }
}
