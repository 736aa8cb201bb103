package org.kapcompanion.web;

import org.kapcompanion.web.PageModel;

/**
 * What an error page shows: a title, what the clinician should do, and the request id for IT; nothing else. Public
 * because the precompiled template reads it.
 */
public record ErrorModel(String title, String advice, String requestId) implements PageModel {

  @Override
  public String template() {
    return "error.jte";
  }
}
