package org.kapcompanion.sandbox;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * What the sandbox's FHIR server is told before its Spring context starts.
 *
 * @param dataDir where the H2 database lives
 * @param fhirBase the public base URL of the FHIR endpoint
 * @param interceptors HAPI interceptors to register on the REST server (authorization, capability statement)
 */
record FhirServerSettings(Path dataDir, URI fhirBase, List<Object> interceptors) {}
