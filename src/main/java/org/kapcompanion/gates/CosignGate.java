package org.kapcompanion.gates;

import java.util.List;

/**
 * The one decision whether a supervisor may co-sign a dosing session: only once it is finished (the patient was
 * discharged), because a co-sign attests to the whole session. Pure.
 */
public final class CosignGate {

  private CosignGate() {}

  /**
   * The decision on a session.
   *
   * @param finished whether the session Encounter is finished
   * @param dischargeRecorded whether a completed discharge checklist is recorded in it
   */
  public static GateDecision decide(boolean finished, boolean dischargeRecorded) {
    if (!finished) {
      return new GateDecision(List.of(new Finding("", "Session still running", "The patient has not been "
          + "discharged yet, so the session is not complete: co-sign it after discharge.", Finding.Kind.REFUSED)));
    }
    if (!dischargeRecorded) {
      return new GateDecision(List.of(new Finding("", "No discharge checklist", "The session was finished without "
          + "a completed discharge checklist; say so in the review comment.", Finding.Kind.CAUTION)));
    }
    return new GateDecision(List.of());
  }
}
