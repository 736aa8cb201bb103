package org.kapcompanion.session;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;
import org.kapcompanion.testing.Launches;
import org.kapcompanion.testing.SandboxAccess;
import org.kapcompanion.testing.TestEnvironment;

/** Reading a search whole from the sandbox EHR, page after page, though the EHR caps the page size. */
class EhrClientsIT {

  private static final String SEARCH = "Observation?patient=kap-pt-01&_sort=_id&_total=accurate&_count=";

  @Test
  void everyPageGathersTheEntriesOfEveryPageOfASearch() throws Exception {
    TestEnvironment environment = TestEnvironment.get();
    environment.app(TestEnvironment.PUBLIC_CLIENT);
    IGenericClient client = FhirContext.forR4Cached()
        .newRestfulGenericClient(environment.ehr().fhirBase().toString());
    client.registerInterceptor(new BearerTokenAuthInterceptor(
        SandboxAccess.token(environment, Launches.SUPERVISOR, "openid fhirUser user/*.read")));
    client.registerInterceptor(new QueryEncoding());
    Bundle largestPage = client.search().byUrl(SEARCH + 500).returnBundle(Bundle.class).execute();

    Bundle pageByPage = EhrClients.everyPage(client,
        client.search().byUrl(SEARCH + 7).returnBundle(Bundle.class).execute());

    assertThat(largestPage.getEntry()).as("the server caps a page below the search's total")
        .hasSizeLessThan(largestPage.getTotal());
    assertThat(ids(pageByPage)).hasSize(largestPage.getTotal()).doesNotHaveDuplicates()
        .startsWith(ids(largestPage).toArray(String[]::new));
  }

  private static List<String> ids(Bundle bundle) {
    return bundle.getEntry().stream().map(e -> e.getResource().getIdElement().getIdPart()).toList();
  }
}
