package org.kapcompanion.monitoring;

import java.time.Instant;

/**
 * One recorded entry of a dosing session as the timeline shows it.
 *
 * @param entryId the entry identifier, to match its save state
 * @param at when
 * @param title what it is
 * @param detail its value or text
 * @param inEhr whether the EHR has confirmed it
 * @param clockTime {@code at} on the clinic's clock, e.g. {@code 14:35}
 */
public record TimelineItem(String entryId, Instant at, String title, String detail, boolean inEhr,
    String clockTime) {}
