package org.kapcompanion.preparation;

import org.kapcompanion.forms.FormView;
import org.kapcompanion.web.PageModel;

/**
 * The preparation questions an answer change enables or hides, re-rendered as the notes are filled in. Public because
 * the precompiled template reads it.
 */
public record PreparationUpdateModel(FormView form) implements PageModel {

  @Override
  public String template() {
    return "preparation/preparation-update.jte";
  }
}
