package org.kapcompanion.writeback;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.hl7.fhir.r5.context.IWorkerContext;
import org.hl7.fhir.r5.model.Coding;
import org.hl7.fhir.r5.utils.validation.ValidatorSession;
import org.hl7.fhir.r5.utils.xver.XVerExtensionManager;
import org.hl7.fhir.validation.ValidatorSettings;
import org.hl7.fhir.validation.codesystem.CodingsObserver;
import org.hl7.fhir.validation.instance.InstanceValidator;
import org.hl7.fhir.validation.instance.utils.NodeStack;

/**
 * A core validator's observer of the codings it checks that records none. HAPI core's own observer keeps every coding
 * with its place in the validated resource — and so the resource's whole element tree — for the life of the validator,
 * only to check SNOMED CT codes against the IPS subset, which this app does not ask for; with it a reused validator
 * kept about 100 KB of every validation.
 */
final class UnrecordedCodings extends CodingsObserver {

  private static final VarHandle OBSERVER = observerField();

  UnrecordedCodings(IWorkerContext context, ValidatorSettings settings, XVerExtensionManager extensions,
      ValidatorSession session) {
    super(context, settings, extensions, session);
  }

  @Override
  public void seeCode(NodeStack stack, Coding coding) {
    // recorded only for the IPS check, which is off
  }

  /** Puts the observer in place of the validator's own (a private field, set once before the validator's first use). */
  static void install(InstanceValidator validator, UnrecordedCodings observer) {
    OBSERVER.set(validator, observer);
  }

  private static VarHandle observerField() {
    try {
      return MethodHandles.privateLookupIn(InstanceValidator.class, MethodHandles.lookup())
          .findVarHandle(InstanceValidator.class, "codingObserver", CodingsObserver.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError("HAPI's InstanceValidator no longer has the codingObserver field that "
          + "UnrecordedCodings replaces; check whether this validator version still keeps every coding it checks: " + e);
    }
  }
}
