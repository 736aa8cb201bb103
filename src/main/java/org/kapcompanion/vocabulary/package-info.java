/**
 * The clinical vocabulary, one table per concept: reading kinds (code, unit, label, range, profile), drug, route,
 * outcome-score and session-entry codes, the KAP canonical URLs and the questionnaire item ids the app reads.
 * Bottom layer: it depends on nothing else of the app, and every feature takes its codes from here.
 */
package org.kapcompanion.vocabulary;
