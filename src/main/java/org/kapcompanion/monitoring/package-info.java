/**
 * Dosing and monitoring: the session workspace at {@code /s/{handle}/session} (start once today's pre-dose checklist
 * is complete, dose, vitals and scales, adverse events, notes with quick tags, the monitoring schedule, alert rules
 * written as Flags once per episode, the live chart and the timeline) and the discharge checklist at
 * {@code /s/{handle}/discharge}. Everything is written through write-back's {@code EntrySaver}; the running session is
 * found again from the EHR and the unsent entries.
 */
package org.kapcompanion.monitoring;
