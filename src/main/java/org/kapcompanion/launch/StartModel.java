package org.kapcompanion.launch;

import java.util.List;
import org.kapcompanion.config.TenantConfig;
import org.kapcompanion.web.PageModel;

/**
 * What the start page shows: the configured tenants, each with its launch link. Public because the precompiled
 * template reads it.
 */
public record StartModel(List<TenantConfig> tenants) implements PageModel {

  @Override
  public String template() {
    return "start.jte";
  }
}
