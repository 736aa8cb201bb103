package org.kapcompanion.launch;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kapcompanion.testing.HttpBrowser;
import org.kapcompanion.testing.Launches;
import org.kapcompanion.testing.TestEnvironment;

class KeyRotationIT {

  private static final String APP = TestEnvironment.JWT_CLIENT;

  private final TestEnvironment environment = TestEnvironment.get();

  @Test
  void confidentialLaunchSignsWithTheRotatedKeyAndTheEhrFetchesTheJwksAgain() throws Exception {
    environment.app(APP);
    assertThat(launch().status()).isEqualTo(200);
    String previousRsaKey = signingKeyId();

    List<String> rotated = AppKeys.rotate(environment.keysFile(APP), Clock.systemUTC());
    environment.restart(APP);

    assertThat(signingKeyId()).isEqualTo(rotated.get(0)).isNotEqualTo(previousRsaKey);
    assertThat(publishedKeyIds()).containsAll(rotated).contains(previousRsaKey).hasSize(4);
    HttpBrowser.Page summary = launch();
    assertThat(summary.status()).isEqualTo(200);
    assertThat(summary.body()).contains("Abernathy-Cruz");
  }

  private HttpBrowser.Page launch() throws Exception {
    return new Launches(environment, new HttpBrowser()).ehrLaunchedPage(APP, "kap-pt-04");
  }

  /** The key the app signs RS384 client assertions with. */
  private String signingKeyId() {
    return AppKeys.load(environment.keysFile(APP)).signingKey(JWSAlgorithm.RS384).map(JWK::getKeyID).orElseThrow();
  }

  private List<String> publishedKeyIds() throws Exception {
    HttpResponse<String> jwks = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(
        environment.appUrl(APP, ".well-known/jwks.json")).build(), HttpResponse.BodyHandlers.ofString());
    return JWKSet.parse(jwks.body()).getKeys().stream().map(JWK::getKeyID).toList();
  }
}
