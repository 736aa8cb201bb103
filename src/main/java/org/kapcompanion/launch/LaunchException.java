package org.kapcompanion.launch;

/** A launch step that cannot go on; carries what the clinician is told and a PHI-free detail for the log. */
final class LaunchException extends Exception {

  private final LaunchError error;

  LaunchException(LaunchError error, String logDetail) {
    super(logDetail, null, false, false);
    this.error = error;
  }

  LaunchError error() {
    return error;
  }
}
