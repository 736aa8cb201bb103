package org.kapcompanion.monitoring;

import org.kapcompanion.session.ActiveSession;
import org.kapcompanion.web.PageModel;

/**
 * The part of the dosing workspace that refreshes while the session runs: alerts, timers and the timeline. Public
 * because the precompiled template reads it.
 */
public record LiveModel(ActiveSession active, Workspace workspace) implements PageModel {

  @Override
  public String template() {
    return "monitoring/live.jte";
  }
}
