package org.kapcompanion.admin;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.SystemRestfulInteraction;
import org.kapcompanion.config.TenantConfig;
import org.kapcompanion.writeback.FallbackNotes;

/**
 * Decides, from an EHR's CapabilityStatement and SMART configuration alone (no I/O), whether the app can work with it
 * and which write fallbacks it will use there: transaction → individual conditional creates → plain creates, and
 * CarePlan + Goal → DocumentReference (DESIGN §2).
 */
public final class CapabilityAnalysis {

  /** The interactions the app uses, per resource type, in the order reports list them. */
  static final Map<String, Set<Interaction>> NEEDS = needs();

  private static final List<Need> REQUIRED = List.of(
      new Need("Patient", Interaction.READ),
      new Need("Condition", Interaction.SEARCH),
      new Need("MedicationRequest", Interaction.SEARCH),
      new Need("AllergyIntolerance", Interaction.SEARCH),
      new Need("Observation", Interaction.SEARCH),
      new Need("Observation", Interaction.CREATE));

  private static final List<Fallback> OPTIONAL = List.of(
      new Fallback("Practitioner", Interaction.READ, "the therapist's name comes from the id_token only"),
      new Fallback("MedicationStatement", Interaction.SEARCH, "medications are read from MedicationRequest only"),
      new Fallback("Encounter", Interaction.READ, "the encounter is taken from the launch context only"),
      new Fallback("Encounter", Interaction.CREATE, "the dosing session is not written as an Encounter"),
      new Fallback("MedicationAdministration", Interaction.CREATE,
          "the dose is not written as a MedicationAdministration"),
      new Fallback("QuestionnaireResponse", Interaction.SEARCH, "earlier checklists are not shown"),
      new Fallback("Flag", Interaction.CREATE, "alerts are shown in the app but not written as Flags"),
      new Fallback("Provenance", Interaction.CREATE, "on every save, " + FallbackNotes.NO_PROVENANCE),
      new Fallback("Task", Interaction.CREATE, "the supervisor review queue lives in the app only"));

  private CapabilityAnalysis() {}

  /** The report for an endpoint whose server declares {@code statement} and {@code smart}. */
  public static CapabilityReport analyse(CapabilityStatement statement, SmartMetadata smart,
      TenantConfig.AuthMethod configured) {
    return analyse(statement, smart, configured, Optional.empty());
  }

  /**
   * The same, for a tenant signing its client assertions with {@code algorithm} (private_key_jwt): an EHR that lists
   * the algorithms it accepts and not this one refuses every sign-in (SMART App Launch 2.x §Client Authentication:
   * Asymmetric; RFC 8414 token_endpoint_auth_signing_alg_values_supported).
   */
  public static CapabilityReport analyse(CapabilityStatement statement, SmartMetadata smart,
      TenantConfig.ClientAuth auth) {
    return analyse(statement, smart, auth.method(), auth.method() == TenantConfig.AuthMethod.PRIVATE_KEY_JWT
        ? Optional.of(auth.algorithm().orElse("RS384")) : Optional.empty());
  }

  private static CapabilityReport analyse(CapabilityStatement statement, SmartMetadata smart,
      TenantConfig.AuthMethod configured, Optional<String> signingAlgorithm) {
    CapabilityStatementRestComponent server = statement.getRest().stream()
        .filter(rest -> rest.getMode() == CapabilityStatement.RestfulCapabilityMode.SERVER)
        .findFirst().orElse(new CapabilityStatementRestComponent());
    Map<String, CapabilityStatementRestResourceComponent> declared = new LinkedHashMap<>();
    server.getResource().forEach(resource -> declared.put(resource.getType(), resource));
    List<CapabilityReport.ResourceSupport> resources = NEEDS.entrySet().stream()
        .map(need -> support(need.getKey(), need.getValue(), declared.get(need.getKey()))).toList();
    boolean transaction = server.getInteraction().stream()
        .anyMatch(i -> i.getCode() == SystemRestfulInteraction.TRANSACTION);

    List<String> problems = new ArrayList<>();
    List<String> fallbacks = new ArrayList<>();
    String fhirVersion = statement.hasFhirVersion() ? statement.getFhirVersion().toCode() : "not declared";
    Set<String> offered = authMethodsOffered(smart);
    boolean pkce = smart.codeChallengeMethods().contains("S256");
    launchProblems(fhirVersion, pkce, offered, configured, problems);
    signingAlgorithm.filter(alg -> !smart.signingAlgorithms().isEmpty() && !smart.signingAlgorithms().contains(alg))
        .ifPresent(alg -> problems.add("private_key_jwt signs with " + alg + " but the EHR accepts "
            + smart.signingAlgorithms() + " (token_endpoint_auth_signing_alg_values_supported) — set "
            + "clientAuth.algorithm to RS384 or ES384, whichever the EHR accepts"));
    interactionFindings(resources, problems, fallbacks);
    Optional.ofNullable(declared.get("Observation")).filter(CapabilityStatementRestResourceComponent::hasDocumentation)
        .ifPresent(observation -> fallbacks.add("Observation limits declared by the EHR: \""
            + observation.getDocumentation() + "\" — the app writes vital signs as category vital-signs and session "
            + "scales, notes and adverse events as exam"));
    CapabilityReport.WritePlan plan = writePlan(resources, transaction, problems, fallbacks);
    CapabilityReport.ScopeSyntax scopes = smart.capabilities().contains("permission-v2")
        ? CapabilityReport.ScopeSyntax.V2 : CapabilityReport.ScopeSyntax.V1;
    return new CapabilityReport(fhirVersion, pkce, configured.value(), offered, scopes, resources, transaction, plan,
        problems, fallbacks);
  }

  private static void launchProblems(String fhirVersion, boolean pkce, Set<String> offered,
      TenantConfig.AuthMethod configured, List<String> problems) {
    if (!fhirVersion.startsWith("4.0")) {
      problems.add("FHIR version is " + fhirVersion + "; the app needs FHIR R4 (4.0.1) — point fhirBaseUrl at the "
          + "EHR's R4 endpoint");
    }
    if (!pkce) {
      problems.add("PKCE S256 is not offered (code_challenge_methods_supported); SMART App Launch 2 requires it — "
          + "ask the EHR vendor to enable PKCE for the app");
    }
    if (!offered.contains(configured.value())) {
      problems.add("client authentication " + configured.value() + " is configured but the EHR offers " + offered
          + " — register the app with one of those and set clientAuth.method to match");
    }
  }

  private static void interactionFindings(List<CapabilityReport.ResourceSupport> resources, List<String> problems,
      List<String> fallbacks) {
    for (Need need : REQUIRED) {
      if (!supports(resources, need.type(), need.interaction())) {
        problems.add(need.type() + " " + need.interaction().code() + " is not supported; the app cannot work without "
            + "it — ask the EHR vendor to enable it for the app");
      }
    }
    if (!supports(resources, "QuestionnaireResponse", Interaction.CREATE)) {
      if (supports(resources, "QuestionnaireResponse", Interaction.UPDATE)) {
        fallbacks.add("QuestionnaireResponse create is not supported: checklists are written by update with the "
            + "app's own id");
      } else {
        problems.add("QuestionnaireResponse create and update are not supported; checklists cannot be saved — ask "
            + "the EHR vendor to enable one of them");
      }
    }
    for (Fallback option : OPTIONAL) {
      if (!supports(resources, option.type(), option.interaction())) {
        fallbacks.add(option.type() + " " + option.interaction().code() + " is not supported: " + option.consequence());
      }
    }
  }

  private static CapabilityReport.WritePlan writePlan(List<CapabilityReport.ResourceSupport> resources,
      boolean transaction, List<String> problems, List<String> fallbacks) {
    List<String> plainCreateTypes = resources.stream()
        .filter(r -> r.needed().contains(Interaction.CREATE) && r.supported().contains(Interaction.CREATE)
            && !r.conditionalCreate())
        .map(CapabilityReport.ResourceSupport::type).toList();
    CapabilityReport.BundleStrategy bundles;
    if (transaction) {
      bundles = CapabilityReport.BundleStrategy.TRANSACTION;
    } else if (plainCreateTypes.isEmpty()) {
      bundles = CapabilityReport.BundleStrategy.CONDITIONAL_CREATES;
      fallbacks.add("transaction is not supported: each save is sent as individual conditional creates "
          + "(If-None-Exist on the app's identifier)");
    } else {
      bundles = CapabilityReport.BundleStrategy.PLAIN_CREATES;
      fallbacks.add("transaction is not supported and conditional create is missing for " + plainCreateTypes
          + ": those are sent as plain creates");
    }
    CapabilityReport.PlanTarget target;
    if (supports(resources, "CarePlan", Interaction.CREATE) && supports(resources, "Goal", Interaction.CREATE)) {
      target = CapabilityReport.PlanTarget.CARE_PLAN;
    } else if (!supports(resources, "CarePlan", Interaction.CREATE)
        && supports(resources, "DocumentReference", Interaction.CREATE)) {
      target = CapabilityReport.PlanTarget.DOCUMENT_REFERENCE;
      fallbacks.add("CarePlan create is not supported: the integration plan is " + FallbackNotes.PLAN_AS_DOCUMENT);
      if (!supports(resources, "Goal", Interaction.CREATE)) {
        fallbacks.add("Goal create is not supported: each goal is " + FallbackNotes.GOAL_IN_PLAN);
      }
    } else if (supports(resources, "CarePlan", Interaction.CREATE)) {
      target = CapabilityReport.PlanTarget.CARE_PLAN;
      fallbacks.add("Goal create is not supported: each goal is " + FallbackNotes.GOAL_IN_PLAN);
    } else {
      target = CapabilityReport.PlanTarget.NOWHERE;
      problems.add("neither CarePlan + Goal create nor DocumentReference create is supported; the integration plan "
          + "cannot be saved — ask the EHR vendor to enable DocumentReference create");
    }
    return new CapabilityReport.WritePlan(bundles, target, plainCreateTypes);
  }

  private static boolean supports(List<CapabilityReport.ResourceSupport> resources, String type,
      Interaction interaction) {
    return resources.stream().anyMatch(r -> r.type().equals(type) && r.supported().contains(interaction));
  }

  /**
   * The methods listed by the token endpoint, plus those the SMART capabilities imply: {@code client-public} →
   * none, {@code client-confidential-symmetric} → client_secret_basic, {@code client-confidential-asymmetric} →
   * private_key_jwt (SMART App Launch 2.x §8.1.2).
   */
  static Set<String> authMethodsOffered(SmartMetadata smart) {
    Set<String> offered = new LinkedHashSet<>(smart.tokenEndpointAuthMethods());
    if (smart.capabilities().contains("client-public")) {
      offered.add("none");
    }
    if (smart.capabilities().contains("client-confidential-symmetric")) {
      offered.add("client_secret_basic");
    }
    if (smart.capabilities().contains("client-confidential-asymmetric")) {
      offered.add("private_key_jwt");
    }
    return offered;
  }

  private static CapabilityReport.ResourceSupport support(String type, Set<Interaction> needed,
      CapabilityStatementRestResourceComponent declared) {
    Set<Interaction> supported = EnumSet.noneOf(Interaction.class);
    if (declared != null) {
      declared.getInteraction().forEach(i -> {
        for (Interaction interaction : Interaction.values()) {
          if (i.getCode() != null && interaction.code().equals(i.getCode().toCode())) {
            supported.add(interaction);
          }
        }
      });
    }
    return new CapabilityReport.ResourceSupport(type, supported, needed,
        declared != null && declared.getConditionalCreate());
  }

  private static Map<String, Set<Interaction>> needs() {
    Map<String, Set<Interaction>> needs = new LinkedHashMap<>();
    needs.put("Patient", EnumSet.of(Interaction.READ));
    needs.put("Practitioner", EnumSet.of(Interaction.READ));
    needs.put("Condition", EnumSet.of(Interaction.SEARCH));
    needs.put("MedicationRequest", EnumSet.of(Interaction.SEARCH));
    needs.put("MedicationStatement", EnumSet.of(Interaction.SEARCH));
    needs.put("AllergyIntolerance", EnumSet.of(Interaction.SEARCH));
    needs.put("Observation", EnumSet.of(Interaction.SEARCH, Interaction.CREATE));
    needs.put("Encounter", EnumSet.of(Interaction.READ, Interaction.CREATE, Interaction.UPDATE));
    needs.put("MedicationAdministration", EnumSet.of(Interaction.CREATE));
    needs.put("QuestionnaireResponse", EnumSet.of(Interaction.SEARCH, Interaction.CREATE, Interaction.UPDATE));
    needs.put("Flag", EnumSet.of(Interaction.CREATE));
    needs.put("Provenance", EnumSet.of(Interaction.CREATE));
    needs.put("CarePlan", EnumSet.of(Interaction.CREATE));
    needs.put("Goal", EnumSet.of(Interaction.CREATE));
    needs.put("DocumentReference", EnumSet.of(Interaction.SEARCH, Interaction.CREATE));
    needs.put("Task", EnumSet.of(Interaction.CREATE));
    return Collections.unmodifiableMap(needs);
  }

  /** An interaction the app cannot work without. */
  private record Need(String type, Interaction interaction) {}

  /** An interaction the app can do without, and what it does instead. */
  private record Fallback(String type, Interaction interaction, String consequence) {}
}
