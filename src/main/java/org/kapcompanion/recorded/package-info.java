/**
 * What was recorded in a dosing session, decoded once: {@link org.kapcompanion.recorded.SessionDecoder} turns a
 * session's FHIR resources into typed facts (every dose, readings, notes, adverse events, alerts, checklists) and
 * {@link org.kapcompanion.recorded.AlertEvaluation} is the one alert evaluation over them. The dosing page,
 * discharge, the review timeline and the REMS summary all read sessions through here.
 */
package org.kapcompanion.recorded;
