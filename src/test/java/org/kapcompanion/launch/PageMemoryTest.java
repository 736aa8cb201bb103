package org.kapcompanion.launch;

import org.kapcompanion.session.AppSession;
import org.kapcompanion.session.LaunchContext;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PageMemoryTest {

  private static final String BROWSER = "browser-key";
  private static final PageMemory MEMORY = new PageMemory(Set.of("", "predose", "review/session"));

  @Test
  void aLaunchFindsThePageOnlyOfTheSameBrowserEhrUserPatientAndEncounter() {
    String earlier = PageMemory.cookieName(BROWSER, session("ehr", "Practitioner/t1", "pt-1", "enc-1"));

    assertThat(PageMemory.cookieName(BROWSER, session("ehr", "Practitioner/t1", "pt-1", "enc-1")))
        .isEqualTo(earlier).startsWith(PageMemory.PREFIX).doesNotContain("pt-1");
    assertThat(List.of(
        PageMemory.cookieName("other-browser", session("ehr", "Practitioner/t1", "pt-1", "enc-1")),
        PageMemory.cookieName(BROWSER, session("ehr", "Practitioner/t1", "pt-2", "enc-1")),
        PageMemory.cookieName(BROWSER, session("ehr", "Practitioner/t1", "pt-1", "enc-2")),
        PageMemory.cookieName(BROWSER, session("ehr", "Practitioner/t1", "pt-1", null)),
        PageMemory.cookieName(BROWSER, session("ehr", "Practitioner/t2", "pt-1", "enc-1")),
        PageMemory.cookieName(BROWSER, session("other", "Practitioner/t1", "pt-1", "enc-1"))))
        .doesNotContain(earlier).doesNotHaveDuplicates();
  }

  @Test
  void onlyTheSessionsOwnPagesWithAPlainQueryAreReturnedTo() {
    assertThat(MEMORY.known("predose")).contains("predose");
    assertThat(MEMORY.known("review/session?id=enc-1&cosigned=1")).contains("review/session?id=enc-1&cosigned=1");
    assertThat(MEMORY.known("resume")).isEmpty();
    assertThat(MEMORY.known("https://elsewhere.example/")).isEmpty();
    assertThat(MEMORY.known("//elsewhere.example/predose")).isEmpty();
    assertThat(MEMORY.known("predose?x=1\r\nSet-Cookie: a=b")).isEmpty();
  }

  private static AppSession session(String tenant, String user, String patient, String encounter) {
    return new AppSession(tenant, URI.create("https://ehr.example/fhir"),
        new AppSession.Tokens("token", Optional.empty(), Instant.EPOCH),
        new LaunchContext(Optional.of(patient), Optional.ofNullable(encounter), false), List.of(), List.of(),
        Optional.of(user), false, "csrf", Instant.EPOCH, true);
  }
}
