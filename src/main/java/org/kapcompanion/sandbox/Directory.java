package org.kapcompanion.sandbox;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.SortOrderEnum;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;

/**
 * Reads what the sandbox's own pages list (practitioners, patients, encounters) straight from its FHIR database,
 * as labels keyed by resource id.
 */
final class Directory {

  private static final int LIMIT = 200;

  private final DaoRegistry daos;

  Directory(DaoRegistry daos) {
    this.daos = daos;
  }

  /** Practitioners by id, labelled with their name and role. */
  Map<String, String> practitioners() {
    Map<String, String> roles = practitionerRoles();
    Map<String, String> result = new LinkedHashMap<>();
    for (Practitioner p : search(Practitioner.class, sortedBy("family"))) {
      String id = p.getIdElement().getIdPart();
      String role = roles.get(id);
      result.put(id, name(p.getName()) + (role == null ? "" : " — " + role));
    }
    return result;
  }

  /** Patients by id, labelled with their name and birth date. */
  Map<String, String> patients() {
    Map<String, String> result = new LinkedHashMap<>();
    for (Patient p : search(Patient.class, sortedBy("family"))) {
      result.put(p.getIdElement().getIdPart(), patientLabel(p));
    }
    return result;
  }

  /** Encounters by patient id, newest first, each labelled with its date, type and status. */
  Map<String, List<LauncherForm.Visit>> encountersByPatient() {
    SearchParameterMap map = SearchParameterMap.newSynchronous();
    map.setSort(new SortSpec("date", SortOrderEnum.DESC));
    return search(Encounter.class, map).stream()
        .filter(e -> e.getSubject().getReferenceElement().getIdPart() != null)
        .collect(
            Collectors.groupingBy(
                e -> e.getSubject().getReferenceElement().getIdPart(),
                LinkedHashMap::new,
                Collectors.mapping(Directory::visit, Collectors.toList())));
  }

  /** The ids of the practitioners whose role names them a therapist. */
  Set<String> therapists() {
    return practitionerRoles().entrySet().stream()
        .filter(role -> role.getValue().toLowerCase(Locale.ROOT).contains("therapist"))
        .map(Map.Entry::getKey)
        .collect(Collectors.toSet());
  }

  Optional<String> practitionerName(String id) {
    return read(Practitioner.class, id).map(p -> name(p.getName()));
  }

  Optional<String> patientName(String id) {
    return read(Patient.class, id).map(Directory::patientLabel);
  }

  /** A patient as the chart's header names them: the name and, apart, the birth date ({@code null}: not recorded). */
  record ChartPatient(String name, String born) {}

  Optional<ChartPatient> chartPatient(String id) {
    return read(Patient.class, id).map(p -> new ChartPatient(name(p.getName()),
        p.hasBirthDate() ? p.getBirthDateElement().getValueAsString() : null));
  }

  /** The encounter's label, if it exists and belongs to the patient. */
  Optional<String> encounterOf(String patientId, String encounterId) {
    return read(Encounter.class, encounterId)
        .filter(e -> patientId.equals(e.getSubject().getReferenceElement().getIdPart()))
        .map(Directory::encounterLabel);
  }

  private Map<String, String> practitionerRoles() {
    Map<String, String> roles = new LinkedHashMap<>();
    for (PractitionerRole role : search(PractitionerRole.class, SearchParameterMap.newSynchronous())) {
      String practitioner = role.getPractitioner().getReferenceElement().getIdPart();
      if (practitioner != null && !role.getCode().isEmpty()) {
        roles.putIfAbsent(practitioner, text(role.getCodeFirstRep()));
      }
    }
    return roles;
  }

  private static SearchParameterMap sortedBy(String parameter) {
    SearchParameterMap map = SearchParameterMap.newSynchronous();
    map.setSort(new SortSpec(parameter));
    return map;
  }

  private <T extends IBaseResource> List<T> search(Class<T> type, SearchParameterMap map) {
    map.setLoadSynchronousUpTo(LIMIT);
    IFhirResourceDao<T> dao = daos.getResourceDao(type);
    return dao.search(map, new SystemRequestDetails()).getResources(0, LIMIT).stream()
        .map(type::cast)
        .toList();
  }

  private <T extends IBaseResource> Optional<T> read(Class<T> type, String id) {
    if (id == null || id.isBlank()) {
      return Optional.empty();
    }
    try {
      IFhirResourceDao<T> dao = daos.getResourceDao(type);
      return Optional.of(dao.read(new IdType(type.getSimpleName(), id), new SystemRequestDetails()));
    } catch (BaseServerResponseException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }


  private static String patientLabel(Patient p) {
    String born = p.hasBirthDate() ? " (born " + p.getBirthDateElement().getValueAsString() + ")" : "";
    return name(p.getName()) + born;
  }

  private static LauncherForm.Visit visit(Encounter e) {
    Optional<LocalDate> day = e.getPeriod().hasStart()
        ? Optional.of(e.getPeriod().getStartElement().getValueAsCalendar().toZonedDateTime().toLocalDate())
        : Optional.empty();
    return new LauncherForm.Visit(e.getIdElement().getIdPart(), encounterLabel(e), day);
  }

  private static String encounterLabel(Encounter e) {
    // The start as recorded (its own offset), e.g. "2026-11-19 09:00".
    String start = e.getPeriod().hasStart() ? e.getPeriod().getStartElement().getValueAsString() : "";
    String date = start.length() >= 16 ? start.substring(0, 16).replace('T', ' ') : start;
    String type = e.hasType() ? text(e.getTypeFirstRep()) : "Encounter";
    String status = e.hasStatus() ? e.getStatus().toCode() : "";
    return (date + " " + type + " (" + status + ")").strip();
  }

  private static String name(List<HumanName> names) {
    if (names.isEmpty()) {
      return "(no name)";
    }
    HumanName name = names.get(0);
    return name.hasText() ? name.getText() : name.getNameAsSingleString();
  }

  private static String text(CodeableConcept concept) {
    if (concept.hasText()) {
      return concept.getText();
    }
    return concept.getCoding().stream()
        .map(c -> c.hasDisplay() ? c.getDisplay() : c.getCode())
        .findFirst()
        .orElse("");
  }
}
