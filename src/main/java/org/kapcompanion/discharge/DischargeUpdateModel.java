package org.kapcompanion.discharge;

import org.kapcompanion.forms.FormView;
import org.kapcompanion.web.PageModel;

/**
 * The discharge checklist's blockers and the questions an answer change enables or hides, re-rendered as it is filled
 * in. Public because the precompiled template reads it.
 */
public record DischargeUpdateModel(FormView form, int minimumMinutes) implements PageModel {

  @Override
  public String template() {
    return "discharge/discharge-update.jte";
  }
}
