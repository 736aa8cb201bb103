package org.kapcompanion.session;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.client.api.ClientResponseContext;
import ca.uhn.fhir.rest.client.api.IHttpRequest;
import ca.uhn.fhir.rest.client.api.IHttpResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The one place a session's FHIR requests get their bearer token and, when the EHR answers 401, a refreshed one: the
 * token is refreshed once and the request sent once more (SMART App Launch 2.x §2.1.4). A second 401 is left to the
 * client, which throws it as a failed sign-in for the launch's failure pages; the retry is sent directly, so it cannot loop.
 */
@Interceptor
public final class SessionBearer {

  private static final String AUTHORIZATION = "Authorization";
  private static final String BEARER = "Bearer ";

  /** Where a new access token comes from after the EHR rejected one. */
  @FunctionalInterface
  public interface Renewal {

    /** A different, working access token, or empty when the session must be launched again. */
    Optional<String> after(String rejectedAccessToken);
  }

  private final Renewal renewal;
  private volatile String accessToken;

  SessionBearer(String accessToken, Renewal renewal) {
    this.accessToken = accessToken;
    this.renewal = renewal;
  }

  @Hook(Pointcut.CLIENT_REQUEST)
  public void sign(IHttpRequest request) {
    sign(request, accessToken);
  }

  /** Runs before any other check of the answer, so those checks see the answer to the retried request. */
  @Hook(value = Pointcut.CLIENT_RESPONSE, order = Integer.MIN_VALUE)
  public void retryOnceRenewed(ClientResponseContext context) throws IOException {
    if (context.getHttpResponse().getStatus() != 401) {
      return;
    }
    IHttpRequest request = context.getHttpRequest();
    Optional<String> renewed = renewal.after(sentToken(request));
    if (renewed.isEmpty()) {
      return;
    }
    accessToken = renewed.get();
    sign(request, renewed.get());
    IHttpResponse rejected = context.getHttpResponse();
    context.setHttpResponse(request.execute());
    rejected.close();
  }

  private static void sign(IHttpRequest request, String token) {
    request.removeHeaders(AUTHORIZATION);
    request.addHeader(AUTHORIZATION, BEARER + token);
  }

  private String sentToken(IHttpRequest request) {
    List<String> sent = request.getAllHeaders().getOrDefault(AUTHORIZATION, List.of());
    return sent.stream().filter(value -> value.startsWith(BEARER)).map(value -> value.substring(BEARER.length()))
        .findFirst().orElse(accessToken);
  }
}
