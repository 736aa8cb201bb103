/**
 * The KAP treatment course across sessions: the sessions so far with dose and mg/kg, where the patient stands in the
 * protocol's planned series, outcome scales against the course's baseline (response, remission, re-measurement due)
 * and the dependency and misuse watch, read from the EHR in one parallel round and shown on the course page, at the
 * pre-dose checklist and from the supervisor's session review.
 */
package org.kapcompanion.course;
