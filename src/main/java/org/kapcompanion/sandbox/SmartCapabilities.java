package org.kapcompanion.sandbox;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestSecurityComponent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.UriType;

/**
 * Adds the SMART security service and the {@code oauth-uris} extension to the FHIR server's CapabilityStatement
 * (SMART App Launch 2.x §Conformance: CapabilityStatement).
 */
@Interceptor
final class SmartCapabilities {

  static final String OAUTH_URIS = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris";
  private static final String SECURITY_SERVICE = "http://terminology.hl7.org/CodeSystem/restful-security-service";

  private final SandboxUrls urls;

  SmartCapabilities(SandboxUrls urls) {
    this.urls = urls;
  }

  @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
  public void advertiseSmart(IBaseConformance statement) {
    CapabilityStatement capabilities = (CapabilityStatement) statement;
    CapabilityStatementRestSecurityComponent security = capabilities.getRestFirstRep().getSecurity();
    security.setService(
        List.of(new CodeableConcept().addCoding(new Coding(SECURITY_SERVICE, "SMART-on-FHIR", "SMART-on-FHIR"))));
    security.setDescription("SMART App Launch; discovery at .well-known/smart-configuration");
    Extension oauth = new Extension(OAUTH_URIS);
    oauth.addExtension("authorize", new UriType(urls.authorize()));
    oauth.addExtension("token", new UriType(urls.token()));
    oauth.addExtension("introspect", new UriType(urls.introspect()));
    oauth.addExtension("revoke", new UriType(urls.revoke()));
    security.getExtension().removeIf(e -> OAUTH_URIS.equals(e.getUrl()));
    security.addExtension(oauth);
  }
}
