package org.kapcompanion.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import ca.uhn.fhir.rest.client.api.ClientResponseContext;
import ca.uhn.fhir.rest.client.api.IHttpRequest;
import ca.uhn.fhir.rest.client.api.IHttpResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionBearerTest {

  private final List<String> renewedAfter = new ArrayList<>();
  private final FakeRequest request = new FakeRequest();

  private SessionBearer bearer(Optional<String> renewed) {
    return new SessionBearer("old", rejected -> {
      renewedAfter.add(rejected);
      return renewed;
    });
  }

  @Test
  void everyRequestCarriesTheSessionsAccessToken() {
    bearer(Optional.empty()).sign(request);

    assertThat(request.headers.get("Authorization")).containsExactly("Bearer old");
  }

  @Test
  void aRejectedTokenIsRenewedOnceAndTheRequestSentOnceMore() throws IOException {
    SessionBearer bearer = bearer(Optional.of("new"));
    bearer.sign(request);
    request.answers.add(response(200));
    ClientResponseContext context = context(response(401));

    bearer.retryOnceRenewed(context);

    assertThat(renewedAfter).containsExactly("old");
    assertThat(request.sent).containsExactly("Bearer new");
    assertThat(context.getHttpResponse().getStatus()).isEqualTo(200);
  }

  @Test
  void aSecondRejectionIsLeftToTheClientAsAnEndedSignIn() throws IOException {
    SessionBearer bearer = bearer(Optional.of("new"));
    bearer.sign(request);
    request.answers.add(response(401));
    ClientResponseContext context = context(response(401));

    bearer.retryOnceRenewed(context);

    assertThat(renewedAfter).hasSize(1);
    assertThat(request.sent).hasSize(1);
    assertThat(context.getHttpResponse().getStatus()).isEqualTo(401);
  }

  @Test
  void withoutARenewedTokenTheRejectionStandsAndNothingIsSentAgain() throws IOException {
    SessionBearer bearer = bearer(Optional.empty());
    bearer.sign(request);
    IHttpResponse rejected = response(401);
    ClientResponseContext context = context(rejected);

    bearer.retryOnceRenewed(context);

    assertThat(request.sent).isEmpty();
    assertThat(context.getHttpResponse()).isSameAs(rejected);
  }

  @Test
  void otherAnswersAreLeftAlone() throws IOException {
    SessionBearer bearer = bearer(Optional.of("new"));
    IHttpResponse forbidden = response(403);

    bearer.retryOnceRenewed(context(forbidden));

    assertThat(renewedAfter).isEmpty();
    verify(forbidden, never()).close();
  }

  @Test
  void laterRequestsUseTheRenewedToken() throws IOException {
    SessionBearer bearer = bearer(Optional.of("new"));
    bearer.sign(request);
    request.answers.add(response(200));
    bearer.retryOnceRenewed(context(response(401)));

    FakeRequest next = new FakeRequest();
    bearer.sign(next);

    assertThat(next.headers.get("Authorization")).containsExactly("Bearer new");
  }

  private ClientResponseContext context(IHttpResponse response) {
    return new ClientResponseContext(request, response, null, null, null);
  }

  private static IHttpResponse response(int status) {
    IHttpResponse response = mock(IHttpResponse.class);
    when(response.getStatus()).thenReturn(status);
    return response;
  }

  /** A request that records what it was sent with and answers from a list. */
  private static final class FakeRequest implements IHttpRequest {
    final Map<String, List<String>> headers = new HashMap<>();
    final List<IHttpResponse> answers = new ArrayList<>();
    final List<String> sent = new ArrayList<>();

    @Override
    public void addHeader(String name, String value) {
      headers.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
    }

    @Override
    public IHttpResponse execute() {
      sent.add(headers.get("Authorization").get(0));
      return answers.remove(0);
    }

    @Override
    public Map<String, List<String>> getAllHeaders() {
      return headers;
    }

    @Override
    public String getRequestBodyFromStream() {
      return null;
    }

    @Override
    public String getUri() {
      return "https://ehr.example/fhir/Patient/1";
    }

    @Override
    public void setUri(String uri) {}

    @Override
    public String getHttpVerbName() {
      return "GET";
    }

    @Override
    public void removeHeaders(String name) {
      headers.remove(name);
    }

    @Override
    public ca.uhn.fhir.rest.client.api.UrlSourceEnum getUrlSource() {
      return null;
    }

    @Override
    public void setUrlSource(ca.uhn.fhir.rest.client.api.UrlSourceEnum source) {}
  }
}
