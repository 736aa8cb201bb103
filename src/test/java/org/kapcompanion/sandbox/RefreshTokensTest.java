package org.kapcompanion.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kapcompanion.testing.MutableClock;

class RefreshTokensTest {

  private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

  private final MutableClock clock = new MutableClock(NOW);
  private final RefreshTokens refreshTokens = new RefreshTokens(Duration.ofDays(30), Duration.ofHours(12), clock);

  @Test
  void aGrantWithoutOfflineOrOnlineAccessGetsNoRefreshToken() {
    assertThat(refreshTokens.issue(grant("launch", "openid"))).isNull();
  }

  @Test
  void anOfflineTokenOutlivesAnOnlineOne() {
    String offline = refreshTokens.issue(grant("offline_access"));
    String online = refreshTokens.issue(grant("online_access"));

    clock.advance(Duration.ofHours(13));

    assertThat(refreshTokens.grant(offline)).isPresent();
    assertThat(refreshTokens.grant(online)).isEmpty();
  }

  @Test
  void aRotatedTokenIsUsedUpAndItsReplacementIsOfTheSameKind() {
    String online = refreshTokens.issue(grant("online_access"));

    String replacement = refreshTokens.held(online, "app").orElseThrow().rotate();

    assertThat(refreshTokens.grant(online)).isEmpty();
    assertThat(refreshTokens.held(replacement, "app")).hasValueSatisfying(held ->
        assertThat(held.grant().scopes()).containsExactly("online_access"));
    clock.advance(Duration.ofHours(13));
    assertThat(refreshTokens.grant(replacement)).isEmpty();
  }

  @Test
  void anotherClientNeitherHoldsNorRevokesTheToken() {
    String token = refreshTokens.issue(grant("offline_access"));

    refreshTokens.revoke(token, "other-app");

    assertThat(refreshTokens.held(token, "other-app")).isEmpty();
    assertThat(refreshTokens.held(token, "app")).isPresent();
    refreshTokens.revoke(token, "app");
    assertThat(refreshTokens.grant(token)).isEmpty();
  }

  private static Grant grant(String... scopes) {
    return new Grant("app", List.of(scopes), "therapist", "alex", null, null, NOW);
  }
}
