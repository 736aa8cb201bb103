package org.kapcompanion.admin;

import java.util.List;
import java.util.Set;

/**
 * What one EHR endpoint offers the app, and what the app will therefore do there: the result of
 * {@link CapabilityAnalysis#analyse}. The write path reads {@link #writePlan()}; the {@code check} command and the
 * status page show all of it.
 *
 * @param fhirVersion the FHIR version the server declares
 * @param pkceS256 whether PKCE with S256 is offered
 * @param authMethodConfigured the client authentication method this tenant is configured with
 * @param authMethodsOffered the client authentication methods the EHR offers
 * @param scopeSyntax the scope syntax the app will request
 * @param resources per resource type: what the server supports and what the app needs
 * @param transaction whether the server accepts transaction Bundles
 * @param writePlan how the app will write there
 * @param problems what stops the app from working with this endpoint; empty when it can
 * @param fallbacks what the app will do differently because something optional is missing
 */
public record CapabilityReport(
    String fhirVersion,
    boolean pkceS256,
    String authMethodConfigured,
    Set<String> authMethodsOffered,
    ScopeSyntax scopeSyntax,
    List<ResourceSupport> resources,
    boolean transaction,
    WritePlan writePlan,
    List<String> problems,
    List<String> fallbacks) {

  public CapabilityReport {
    authMethodsOffered = Set.copyOf(authMethodsOffered);
    resources = List.copyOf(resources);
    problems = List.copyOf(problems);
    fallbacks = List.copyOf(fallbacks);
  }

  /** Whether the app can work with this endpoint. */
  public boolean ok() {
    return problems.isEmpty();
  }

  public boolean authMethodOffered() {
    return authMethodsOffered.contains(authMethodConfigured);
  }

  /** Whether the server declares {@code interaction} on {@code resourceType}. */
  public boolean supports(String resourceType, Interaction interaction) {
    return resources.stream().anyMatch(r -> r.type().equals(resourceType) && r.supported().contains(interaction));
  }

  /** One line saying how the app writes here, e.g. "transaction; integration plan as CarePlan + Goal". */
  public String writePlanSummary() {
    String bundles = switch (writePlan.bundles()) {
      case TRANSACTION -> "one transaction per save";
      case CONDITIONAL_CREATES -> "individual conditional creates";
      case PLAIN_CREATES -> "individual creates (plain for " + String.join(", ", writePlan.plainCreateTypes()) + ")";
    };
    String plan = switch (writePlan.integrationPlan()) {
      case CARE_PLAN -> "integration plan as CarePlan + Goal";
      case DOCUMENT_REFERENCE -> "integration plan as DocumentReference";
      case NOWHERE -> "integration plan cannot be written";
    };
    return bundles + "; " + plan;
  }

  /** SMART scope syntax: v1 ({@code patient/Observation.read}) or v2 ({@code patient/Observation.rs}). */
  public enum ScopeSyntax { V1, V2 }

  /** How several resources saved together reach the server, best first. */
  public enum BundleStrategy { TRANSACTION, CONDITIONAL_CREATES, PLAIN_CREATES }

  /** Where the integration plan is written. */
  public enum PlanTarget { CARE_PLAN, DOCUMENT_REFERENCE, NOWHERE }

  /**
   * One resource type the app uses.
   *
   * @param type the FHIR resource type
   * @param supported the interactions the server declares
   * @param needed the interactions the app uses
   * @param conditionalCreate whether the server declares conditional create ({@code If-None-Exist})
   */
  public record ResourceSupport(String type, Set<Interaction> supported, Set<Interaction> needed,
      boolean conditionalCreate) {

    public ResourceSupport {
      supported = Set.copyOf(supported);
      needed = Set.copyOf(needed);
    }

    /** One cell of the support table: "yes" or "MISSING" where the app needs it, "(yes)" or "-" where it does not. */
    public String cell(Interaction interaction) {
      if (needed.contains(interaction)) {
        return supported.contains(interaction) ? "yes" : "MISSING";
      }
      return supported.contains(interaction) ? "(yes)" : "-";
    }
  }

  /**
   * The write strategy for this endpoint.
   *
   * @param bundles how a save of several resources is sent
   * @param integrationPlan where the integration plan goes
   * @param plainCreateTypes types the app creates without {@code If-None-Exist}, because the server does not offer it
   */
  public record WritePlan(BundleStrategy bundles, PlanTarget integrationPlan, List<String> plainCreateTypes) {

    public WritePlan {
      plainCreateTypes = List.copyOf(plainCreateTypes);
    }
  }
}
