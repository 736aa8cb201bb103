package org.kapcompanion.sandbox;

import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.http.JakartaServletUtils;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Function;

/** Adapts a form-POST OAuth endpoint (token, introspection, revocation) between the servlet API and Nimbus. */
final class OAuthEndpointServlet extends HttpServlet {

  private static final long MAX_BODY = 64 * 1024;

  private final Function<HTTPRequest, HTTPResponse> endpoint;

  OAuthEndpointServlet(Function<HTTPRequest, HTTPResponse> endpoint) {
    this.endpoint = endpoint;
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    HTTPResponse answer = endpoint.apply(JakartaServletUtils.createHTTPRequest(request, MAX_BODY));
    answer.setHeader("Cache-Control", "no-store");
    JakartaServletUtils.applyHTTPResponse(answer, response);
  }
}
