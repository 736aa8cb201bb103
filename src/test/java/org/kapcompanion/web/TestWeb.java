package org.kapcompanion.web;

import java.util.Map;

/** The web infrastructure as tests without tenants build it: headers framing no page, templates using them. */
public final class TestWeb {

  public static final SecurityHeaders HEADERS = new SecurityHeaders(Map.of(), false);

  private TestWeb() {}

  public static Templates templates() {
    return new Templates(HEADERS);
  }
}
