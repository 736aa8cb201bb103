package org.kapcompanion.writeback;

import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.validation.IValidationContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.common.hapi.validation.validator.WorkerContextValidationSupportAdapter;
import org.hl7.fhir.exceptions.FHIRException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r5.context.IWorkerContext;
import org.hl7.fhir.r5.elementmodel.ParserBase;
import org.hl7.fhir.r5.elementmodel.ValidatedFragment;
import org.hl7.fhir.r5.model.StructureDefinition;
import org.hl7.fhir.r5.utils.validation.ValidatorSession;
import org.hl7.fhir.r5.utils.validation.constants.IdStatus;
import org.hl7.fhir.r5.utils.xver.XVerExtensionManagerOld;
import org.hl7.fhir.utilities.i18n.I18nConstants;
import org.hl7.fhir.utilities.validation.ValidationMessage;
import org.hl7.fhir.validation.ValidatorSettings;
import org.hl7.fhir.validation.instance.InstanceValidator;

/**
 * HAPI's instance validator module, except that it reuses the core {@code InstanceValidator}s instead of building one
 * per validation (building one reloads the OID registry, about two thirds of a warm validation, and each holds its
 * own copy of it, about 10 MB). At most two per processor exist, each used by one thread at a time — validation is
 * CPU-bound, so more would mostly add heap; further saves wait their turn. A reused validator keeps nothing of what it
 * validated (its coding observer records none: {@link UnrecordedCodings}); each is still rebuilt after {@value #USES}
 * validations, which bounds what a future validator version might keep. The validation follows HAPI's
 * {@code ValidatorWrapper} (HAPI FHIR 8.8) for JSON input.
 */
final class ReusingInstanceValidator extends FhirInstanceValidator {

  private static final int USES = 10_000;

  private final Semaphore inUse = new Semaphore(2 * Runtime.getRuntime().availableProcessors());
  private final Queue<Reusable> idle = new ConcurrentLinkedQueue<>();

  ReusingInstanceValidator(IValidationSupport support) {
    super(support);
  }

  /**
   * A core validator, the element-model parser it reads JSON with (the validator's own way makes a new parser, with
   * two FHIRPath engines, for every validation, and that parser looks up each resource type among all definitions),
   * and how often they have been used.
   */
  private static final class Reusable {
    private final InstanceValidator validator;
    private final ParserBase parser;
    private int uses;

    private Reusable(InstanceValidator validator, IWorkerContext worker) {
      this.validator = validator;
      this.parser = new TypeRememberingJsonParser(worker);
      parser.setupValidation(ParserBase.ValidationPolicy.EVERYTHING);
    }
  }

  @Override
  protected List<ValidationMessage> validate(IValidationContext<?> context) {
    if (context.getResourceAsStringEncoding() != EncodingEnum.JSON
        || !(context.getResource() instanceof IBaseResource resource)) {
      return super.validate(context);
    }
    WorkerContextValidationSupportAdapter worker = provideWorkerContext();
    inUse.acquireUninterruptibly();
    try {
      Reusable reusable = idle.poll();
      if (reusable == null) {
        reusable = new Reusable(newInstanceValidator(worker), worker);
      }
      List<ValidationMessage> messages = validate(reusable, worker, context, resource);
      if (++reusable.uses < USES) {
        idle.offer(reusable);
      }
      return messages;
    } finally {
      inUse.release();
    }
  }

  private InstanceValidator newInstanceValidator(IWorkerContext worker) {
    XVerExtensionManagerOld extensions = new XVerExtensionManagerOld(worker);
    ValidatorSession session = new ValidatorSession();
    ValidatorSettings settings = new ValidatorSettings();
    InstanceValidator validator = new InstanceValidator(worker,
        Objects.requireNonNullElseGet(getHostApplicationServices(), NullEvaluationContext::new), extensions, session,
        settings);
    UnrecordedCodings.install(validator, new UnrecordedCodings(worker, settings, extensions, session));
    validator.setAssumeValidRestReferences(isAssumeValidRestReferences());
    validator.setBestPracticeWarningLevel(getBestPracticeWarningLevel());
    validator.setAnyExtensionsAllowed(isAnyExtensionsAllowed());
    validator.setResourceIdRule(IdStatus.OPTIONAL);
    validator.setNoTerminologyChecks(isNoTerminologyChecks());
    validator.setErrorForUnknownProfiles(isErrorForUnknownProfiles());
    validator.setUnknownCodeSystemsCauseErrors(true);
    validator.getExtensionDomains().addAll(getExtensionDomains());
    validator.setFetcher(getValidatorResourceFetcher());
    validator.setPolicyAdvisor(getValidatorPolicyAdvisor());
    validator.setNoExtensibleWarnings(isNoExtensibleWarnings());
    validator.setNoBindingMsgSuppressed(isNoBindingMsgSuppressed());
    validator.setAllowExamples(isAllowExamples());
    validator.setAllowXsiLocation(true);
    return validator;
  }

  private List<ValidationMessage> validate(Reusable reusable, IWorkerContext worker, IValidationContext<?> context,
      IBaseResource resource) {
    List<StructureDefinition> profiles = new ArrayList<>();
    List<ValidationMessage> unknownProfiles = new ArrayList<>();
    context.getOptions().getProfiles().forEach(url -> addProfile(worker, url, profiles, unknownProfiles));
    resource.getMeta().getProfile().forEach(url -> addProfile(worker, url.getValue(), profiles, unknownProfiles));

    List<ValidationMessage> messages = new ArrayList<>();
    byte[] json = context.getResourceAsString().getBytes(StandardCharsets.UTF_8);
    List<ValidatedFragment> fragments = parse(reusable.parser, json);
    for (ValidatedFragment fragment : fragments) {
      if (fragment.getElement() != null) {
        reusable.validator.validate(context.getOptions().getAppContext(), fragment.getErrors(),
            fragments.size() > 1 ? fragment.path() : null, fragment.getElement(), profiles);
      }
      messages.addAll(fragment.getErrors());
    }
    if (profiles.isEmpty()) {
      messages.addAll(unknownProfiles);
    }
    List<ValidationMessage> kept = messages.stream().filter(ReusingInstanceValidator::kept).toList();
    kept.stream()
        .filter(m -> I18nConstants.VALIDATION_VAL_PROFILE_UNKNOWN.equals(m.getMessageId())
            || I18nConstants.VALIDATION_VAL_PROFILE_UNKNOWN_NOT_POLICY.equals(m.getMessageId()))
        .forEach(m -> m.setLevel(isErrorForUnknownProfiles()
            ? ValidationMessage.IssueSeverity.ERROR : ValidationMessage.IssueSeverity.WARNING));
    return kept;
  }

  /** Parses as the core validator's stream entry point does (the app's profiles are never logical models). */
  private static List<ValidatedFragment> parse(ParserBase parser, byte[] json) {
    try {
      return parser.parse(new ByteArrayInputStream(json));
    } catch (IOException e) {
      throw new FHIRException(e);
    }
  }

  /** HAPI drops these two messages: a binding without a source, and the mime-types value set it cannot expand. */
  private static boolean kept(ValidationMessage message) {
    String id = message.getMessageId();
    return id == null || !(id.equals(I18nConstants.TERMINOLOGY_TX_BINDING_NOSOURCE)
        || (id.equals(I18nConstants.TERMINOLOGY_TX_VALUESET_NOTFOUND)
            && message.getMessage().contains("http://hl7.org/fhir/ValueSet/mimetypes")));
  }

  private static void addProfile(IWorkerContext worker, String url, List<StructureDefinition> profiles,
      List<ValidationMessage> unknown) {
    try {
      StructureDefinition profile = worker.fetchResource(StructureDefinition.class, url);
      if (profile != null) {
        profiles.add(profile);
      } else {
        ValidationMessage message = new ValidationMessage();
        message.setMessageId(I18nConstants.VALIDATION_VAL_PROFILE_UNKNOWN);
        message.setLevel(ValidationMessage.IssueSeverity.ERROR);
        message.setMessage("Invalid profile. Failed to retrieve profile with url=" + url);
        unknown.add(message);
      }
    } catch (FHIRException e) {
      // as in HAPI: a profile that cannot be loaded is skipped
    }
  }
}
