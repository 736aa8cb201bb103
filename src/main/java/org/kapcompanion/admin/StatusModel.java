package org.kapcompanion.admin;

import java.util.List;
import org.kapcompanion.web.PageModel;

/**
 * What the status page shows: each tenant's check and failed entries, the form token for their actions, and what the
 * last action did (empty when none). Public because the precompiled template reads it.
 */
public record StatusModel(List<TenantStatus> tenants, String csrf, String done) implements PageModel {

  @Override
  public String template() {
    return "admin/status.jte";
  }
}
