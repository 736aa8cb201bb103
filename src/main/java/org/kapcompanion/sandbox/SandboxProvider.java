package org.kapcompanion.sandbox;

import org.kapcompanion.config.EmbeddedEhr;

/** Starts the sandbox EHR; found by the app through {@link java.util.ServiceLoader}. */
public final class SandboxProvider implements EmbeddedEhr.Provider {

  @Override
  public EmbeddedEhr start(EmbeddedEhr.Options options) throws Exception {
    return Sandbox.start(options);
  }
}
