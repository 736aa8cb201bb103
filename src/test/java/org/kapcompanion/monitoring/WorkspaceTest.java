package org.kapcompanion.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.kapcompanion.forms.FormView;

class WorkspaceTest {

  private final Workspace workspace =
      new Workspace(false, null, Optional.empty(), List.of(), "", "", 0, Optional.empty(), List.of(), List.of(), "");

  @Test
  void theDoseFormOffersEachDrugByItsCodeShownByItsLabel() {
    assertThat(workspace.drugs()).containsExactly(
        new FormView.Option("6130", "Ketamine"), new FormView.Option("2201623", "Esketamine nasal spray"));
  }

  @Test
  void theDoseFormOffersEachRouteByItsCodeShownByItsLabel() {
    assertThat(workspace.routes()).containsExactly(
        new FormView.Option("78421000", "IM"), new FormView.Option("47625008", "IV"),
        new FormView.Option("37839007", "Sublingual"), new FormView.Option("46713006", "Intranasal"),
        new FormView.Option("26643006", "Oral"));
  }
}
