package org.kapcompanion.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class OpenedSessionsTest {

  private final List<String> decrypted = new ArrayList<>();
  private final Function<String, AppSession> decrypt = sealed -> {
    decrypted.add(sealed);
    return session(sealed);
  };

  @Test
  void aPayloadIsDecryptedOnceAndAgainWhenTheStoreHoldsAChangedOne() {
    OpenedSessions opened = new OpenedSessions(10);
    AppSession first = opened.open("s1", "sealed-a", decrypt);
    AppSession again = opened.open("s1", "sealed-a", decrypt);

    AppSession changed = opened.open("s1", "sealed-b", decrypt);

    assertThat(again).isSameAs(first);
    assertThat(changed.tokens().accessToken()).isEqualTo("sealed-b");
    assertThat(decrypted).containsExactly("sealed-a", "sealed-b");
  }

  @Test
  void theLeastRecentlyUsedSessionMakesWayWhenFull() {
    OpenedSessions opened = new OpenedSessions(2);
    opened.open("s1", "sealed-1", decrypt);
    opened.open("s2", "sealed-2", decrypt);
    opened.open("s1", "sealed-1", decrypt);
    opened.open("s3", "sealed-3", decrypt);

    opened.open("s1", "sealed-1", decrypt);
    opened.open("s2", "sealed-2", decrypt);

    assertThat(decrypted).containsExactly("sealed-1", "sealed-2", "sealed-3", "sealed-2");
  }

  private static AppSession session(String accessToken) {
    return new AppSession("t", URI.create("https://ehr.example.org/fhir"),
        new AppSession.Tokens(accessToken, Optional.empty(), Instant.EPOCH),
        new LaunchContext(Optional.empty(), Optional.empty(), false),
        List.of(), List.of(), Optional.of("Practitioner/p1"), false, "csrf", Instant.EPOCH, false);
  }
}
