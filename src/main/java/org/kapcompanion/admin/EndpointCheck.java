package org.kapcompanion.admin;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import java.text.ParseException;
import java.util.List;
import java.net.http.HttpClient;
import org.kapcompanion.web.EhrHttp;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.kapcompanion.config.TenantConfig;

/**
 * Reads a tenant's {@code .well-known/smart-configuration} and {@code metadata} (neither needs a token) and hands them
 * to {@link CapabilityAnalysis}. Every failure becomes an {@link EndpointStatus.Unreachable} naming what to check.
 */
public final class EndpointCheck {

  private static final Duration TIMEOUT = EhrHttp.ANSWER_TIMEOUT;

  private final HttpClient http;
  private final FhirContext fhir;

  public EndpointCheck(FhirContext fhir) {
    this.fhir = fhir;
    this.http = EhrHttp.builder().followRedirects(HttpClient.Redirect.NORMAL).build();
  }

  public EndpointStatus check(TenantConfig tenant) {
    URI base = tenant.fhirBaseUrl();
    String root = root(base);
    try {
      Fetched smartDocument = fetch(URI.create(root + ".well-known/smart-configuration"), "application/json");
      Fetched metadata = fetch(URI.create(root + "metadata"), "application/fhir+json");
      Optional<SmartMetadata> smart = SmartMetadata.parse(smartDocument.body());
      if (smart.isEmpty()) {
        return unreachable(tenant, smartDocument.url() + " is not a JSON object — check that fhirBaseUrl is the "
            + "FHIR base the EHR sends as iss");
      }
      CapabilityStatement statement = fhir.newJsonParser().parseResource(CapabilityStatement.class, metadata.body());
      return new EndpointStatus.Checked(tenant.id(), tenant.displayName(), base, "https".equals(base.getScheme()),
          CapabilityAnalysis.analyse(statement, smart.get(), tenant.clientAuth()), smart.get().tokenEndpoint());
    } catch (FetchFailed e) {
      return unreachable(tenant, e.getMessage());
    } catch (DataFormatException e) {
      return unreachable(tenant, root + "metadata is not a FHIR R4 CapabilityStatement in JSON — check fhirBaseUrl");
    }
  }

  /**
   * Whether the app's public signing keys can be fetched where a {@code private_key_jwt} registration points the EHR:
   * {@code publicBaseUrl/.well-known/jwks.json}, a JWK Set holding at least one public signing key (SMART App Launch
   * 2.x §Client Authentication: Asymmetric, "jwks_uri"). An EHR that cannot fetch them refuses every sign-in.
   *
   * @param ok whether the keys were fetched and usable
   * @param text what was found, or what to check
   */
  public record JwksReach(boolean ok, String text) {}

  public JwksReach jwks(URI publicBaseUrl) {
    URI url = URI.create(root(publicBaseUrl) + ".well-known/jwks.json");
    try {
      List<JWK> keys = JWKSet.parse(fetch(url, "application/json").body()).getKeys().stream()
          .filter(key -> !key.isPrivate() && (key.getKeyUse() == null || key.getKeyUse() == KeyUse.SIGNATURE))
          .toList();
      if (keys.isEmpty()) {
        return new JwksReach(false, url + " holds no public signing key — run `keys new` and restart the app");
      }
      return new JwksReach(true, url + " reachable, " + keys.size() + " signing key(s): "
          + keys.stream().map(JWK::getKeyID).toList());
    } catch (FetchFailed e) {
      return new JwksReach(false, e.getMessage().replace(" — check fhirBaseUrl", "") + " — check publicBaseUrl and "
          + "that the app runs there: the EHR fetches the app's public keys from this URL; without them every "
          + "private_key_jwt sign-in fails");
    } catch (ParseException e) {
      return new JwksReach(false, url + " is not a JWK Set — check publicBaseUrl and any proxy in front of the app");
    }
  }

  /**
   * What the tenant's token endpoint says of the configured client authentication ({@link TokenProbe}); empty for a
   * public client, which has nothing to check before a user signs in.
   */
  public static Optional<TokenProbe.Answer> signIn(TenantConfig tenant, EndpointStatus.Checked checked,
      TokenProbe probe) {
    if (tenant.clientAuth().method() == TenantConfig.AuthMethod.NONE) {
      return Optional.empty();
    }
    return Optional.of(checked.tokenEndpoint().map(endpoint -> probe.ask(tenant, endpoint))
        .orElseGet(() -> new TokenProbe.Answer(TokenProbe.Verdict.REFUSED, root(tenant.fhirBaseUrl())
            + ".well-known/smart-configuration names no token_endpoint")));
  }

  private static String root(URI base) {
    return base.toString().endsWith("/") ? base.toString() : base + "/";
  }

  private Fetched fetch(URI url, String accept) throws FetchFailed {
    HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT).header("Accept", accept).GET().build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new FetchFailed(url + " answered HTTP " + response.statusCode() + " — check fhirBaseUrl");
      }
      return new Fetched(url, response.body());
    } catch (HttpTimeoutException e) {
      throw new FetchFailed(url + " did not answer within " + TIMEOUT.toSeconds() + " s — check the network path "
          + "(firewall, proxy) to the EHR");
    } catch (SSLException e) {
      throw new FetchFailed(url + ": the TLS handshake failed (" + e.getClass().getSimpleName() + ") — the EHR's "
          + "certificate must be trusted by this Java runtime (import the CA into its trust store)");
    } catch (ConnectException e) {
      throw new FetchFailed(url + ": cannot connect to " + url.getHost() + ":" + port(url) + " — check the host, "
          + "the port and the firewall");
    } catch (IOException e) {
      throw new FetchFailed(url + ": " + e.getClass().getSimpleName() + " — check the network path to the EHR");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FetchFailed(url + ": interrupted");
    }
  }

  private static int port(URI url) {
    if (url.getPort() != -1) {
      return url.getPort();
    }
    return "https".equals(url.getScheme()) ? 443 : 80;
  }

  private static EndpointStatus unreachable(TenantConfig tenant, String reason) {
    return new EndpointStatus.Unreachable(tenant.id(), tenant.displayName(), tenant.fhirBaseUrl(), reason);
  }

  private record Fetched(URI url, String body) {}

  /** A document could not be fetched; the message names the URL and what to check. */
  private static final class FetchFailed extends Exception {
    FetchFailed(String message) {
      super(message);
    }
  }
}
