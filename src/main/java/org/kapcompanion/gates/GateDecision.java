package org.kapcompanion.gates;

import java.util.List;

/**
 * A gate's decision: everything it found, refusals first. The gate is open when nothing refuses and nothing needs a
 * prescriber; with a complete prescriber's decision it opens over what needs one, never over a refusal.
 *
 * @param findings what the gate found, refusals first, then what needs a prescriber, then cautions
 */
public record GateDecision(List<Finding> findings) {

  public GateDecision {
    findings = findings.stream().sorted(java.util.Comparator.comparing(Finding::kind)).toList();
  }

  /** Whether the gate is open without anyone's decision. */
  public boolean open() {
    return findings.stream().allMatch(f -> f.kind() == Finding.Kind.CAUTION);
  }

  /** Whether the gate opens with {@code decision}: nothing refuses, and a prescriber decided where one must. */
  public boolean opensWith(PrescriberDecision decision) {
    return refusals().isEmpty() && decided(decision);
  }

  /** Whether nothing needs a prescriber, or {@code decision} is a complete one (refusals aside). */
  public boolean decided(PrescriberDecision decision) {
    return needsPrescriber().isEmpty() || decision.complete();
  }

  public List<Finding> refusals() {
    return of(Finding.Kind.REFUSED);
  }

  public List<Finding> needsPrescriber() {
    return of(Finding.Kind.PRESCRIBER);
  }

  public List<Finding> cautions() {
    return of(Finding.Kind.CAUTION);
  }

  /** What keeps the gate shut, one line each, as recorded with a prescriber's decision. */
  public String summary() {
    return String.join("\n", findings.stream().filter(f -> f.kind() != Finding.Kind.CAUTION)
        .map(f -> f.title() + ": " + f.reason()).toList());
  }

  private List<Finding> of(Finding.Kind kind) {
    return findings.stream().filter(f -> f.kind() == kind).toList();
  }
}
