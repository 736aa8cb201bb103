package org.kapcompanion.vocabulary;

/**
 * A coded concept under the name a clinician reads, where that name differs from its code system's display (e.g.
 * RxNorm's "esketamine Nasal Spray" read as "Esketamine nasal spray").
 *
 * @param code the concept in its code system
 * @param label the name the pages show
 */
public record Term(Code code, String label) {}
