package org.kapcompanion.session;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import ca.uhn.fhir.rest.client.api.ClientResponseContext;
import ca.uhn.fhir.rest.client.api.IHttpRequest;
import ca.uhn.fhir.rest.client.api.IHttpResponse;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;

/**
 * Turns an EHR answer to a read that cannot be right into a failed read, so the page says "could not be read" rather
 * than "none recorded": a 2xx answer to a GET that is an OperationOutcome, and a search by {@code code} whose
 * matches carry none of the codes asked for (an intermediary that rewrote the query, a server that ignored the
 * parameter). FHIR R4 §3.1.1.4 (search results hold only matches) and §3.1.0.1.6 (errors as OperationOutcome).
 */
@Interceptor
public final class PlausibleAnswers {

  private static final String OUTCOME_ON_SUCCESS = "the EHR answered a read with an OperationOutcome and a success status";

  private final FhirContext fhir;

  public PlausibleAnswers(FhirContext fhir) {
    this.fhir = fhir;
  }

  /** An answer the app refuses to believe; a read that gets one has failed. */
  public static final class ImplausibleAnswerException extends BaseServerResponseException {
    private static final long serialVersionUID = 1L;

    ImplausibleAnswerException(String message) {
      super(502, message);
    }
  }

  /** Checks the answer the client will read: after {@link SessionBearer}'s retry, the retried one. */
  @Hook(Pointcut.CLIENT_RESPONSE)
  public void check(ClientResponseContext context) throws IOException {
    IHttpRequest request = context.getHttpRequest();
    IHttpResponse response = context.getHttpResponse();
    if (!"GET".equals(request.getHttpVerbName()) || response.getStatus() / 100 != 2
        || response.getMimeType() == null || !response.getMimeType().contains("json")) {
      return;
    }
    response.bufferEntity();
    String body;
    try (InputStream in = response.readEntity()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    URI uri = URI.create(request.getUri());
    Optional<String> problem = "OperationOutcome".equals(resourceType(body)) ? Optional.of(OUTCOME_ON_SUCCESS)
        : codesAsked(uri.getRawQuery()).isEmpty() ? Optional.empty()
        : parsed(body).flatMap(answer -> problem(uri, answer));
    if (problem.isPresent()) {
      throw new ImplausibleAnswerException(problem.get());
    }
  }

  /**
   * The answer's {@code resourceType}, read without parsing the resource: most answers need no more, and a full parse
   * is left to the client that asked. Empty when the body is not a JSON object that names one.
   */
  static String resourceType(String json) {
    try (JsonReader reader = new JsonReader(new StringReader(json))) {
      reader.beginObject();
      while (reader.hasNext()) {
        if (reader.nextName().equals("resourceType") && reader.peek() == JsonToken.STRING) {
          return reader.nextString();
        }
        reader.skipValue();
      }
    } catch (IOException | IllegalStateException malformed) {
      // not a resource: the client reports it
    }
    return "";
  }

  private Optional<IBaseResource> parsed(String json) {
    try {
      return Optional.of(parser().parseResource(json));
    } catch (DataFormatException e) {
      return Optional.empty();
    }
  }

  /** Why {@code answer} cannot be the answer to a GET of {@code uri}, if it cannot. */
  static Optional<String> problem(URI uri, IBaseResource answer) {
    if (answer instanceof OperationOutcome) {
      return Optional.of(OUTCOME_ON_SUCCESS);
    }
    if (!(answer instanceof Bundle bundle)) {
      return Optional.empty();
    }
    List<Coding> asked = codesAsked(uri.getRawQuery());
    if (asked.isEmpty()) {
      return Optional.empty();
    }
    for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
      if (entry.getSearch().hasMode() && entry.getSearch().getMode() != Bundle.SearchEntryMode.MATCH) {
        continue;
      }
      Optional<CodeableConcept> code = code(entry.getResource());
      if (code.isPresent() && code.get().getCoding().stream().noneMatch(c -> asked.stream().anyMatch(a -> same(a, c)))) {
        return Optional.of("a search by code returned a " + entry.getResource().fhirType() + " with other codes");
      }
    }
    return Optional.empty();
  }

  private static Optional<CodeableConcept> code(Resource resource) {
    if (resource == null) {
      return Optional.empty();
    }
    return resource.getNamedProperty("code") == null ? Optional.empty()
        : resource.getNamedProperty("code").getValues().stream().filter(CodeableConcept.class::isInstance)
            .map(CodeableConcept.class::cast).findFirst();
  }

  /** The tokens of the query's {@code code} parameters ({@code system|code}, {@code |code} or {@code code}). */
  private static List<Coding> codesAsked(String rawQuery) {
    List<Coding> codes = new ArrayList<>();
    if (rawQuery == null) {
      return codes;
    }
    for (String pair : rawQuery.split("&")) {
      if (!pair.startsWith("code=")) {
        continue;
      }
      for (String token : URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8).split(",")) {
        int bar = token.indexOf('|');
        codes.add(bar < 0 ? new Coding(null, token, null) : new Coding(bar == 0 ? null : token.substring(0, bar),
            token.substring(bar + 1), null));
      }
    }
    return codes;
  }

  private static boolean same(Coding asked, Coding found) {
    return asked.getCode().equals(found.getCode())
        && (!asked.hasSystem() || asked.getSystem().equals(found.getSystem()));
  }

  private IParser parser() {
    return fhir.newJsonParser().setParserErrorHandler(new LenientErrorHandler(false));
  }
}
