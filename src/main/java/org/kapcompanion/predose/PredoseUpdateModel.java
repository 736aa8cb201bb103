package org.kapcompanion.predose;

import org.kapcompanion.forms.FormView;
import org.kapcompanion.web.PageModel;

/**
 * The checklist's blockers and the questions an answer change enables or hides, re-rendered as the checklist is filled
 * in. Public because the precompiled template reads it.
 */
public record PredoseUpdateModel(FormView form) implements PageModel {

  @Override
  public String template() {
    return "predose/predose-update.jte";
  }
}
