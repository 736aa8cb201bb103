package org.kapcompanion.writeback;

import java.util.Optional;

/** The token source for delivering a session's entries without its browser. */
interface DeliveryCredentials {

  /** A working endpoint and token for the session, or empty when the user must launch again. */
  Optional<FhirWriter.Credentials> current(String sessionHash);

  /** New credentials after the EHR rejected {@code rejected}, or empty when the user must launch again. */
  Optional<FhirWriter.Credentials> renew(String sessionHash, FhirWriter.Credentials rejected);
}
