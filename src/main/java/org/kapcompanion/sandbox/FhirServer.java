package org.kapcompanion.sandbox;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.rest.server.RestfulServer;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Meta;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/** The running HAPI JPA server: its Spring context and the pieces the sandbox uses directly. */
final class FhirServer implements AutoCloseable {

  private final AnnotationConfigApplicationContext context;

  private FhirServer(AnnotationConfigApplicationContext context) {
    this.context = context;
  }

  /** Boots the JPA server; its REST servlet is initialised later by the servlet container. */
  static FhirServer start(FhirServerSettings settings) {
    SandboxSchema schema = SandboxSchema.ofThisBuild(settings.dataDir());
    AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
    context.registerBean(FhirServerSettings.class, () -> settings);
    context.registerBean(SandboxSchema.class, () -> schema);
    context.register(JpaServerConfig.class);
    try {
      context.refresh();
      schema.recordCurrent();
    } catch (RuntimeException e) {
      context.close();
      throw e;
    }
    return new FhirServer(context);
  }

  RestfulServer restfulServer() {
    return context.getBean(RestfulServer.class);
  }

  FhirContext fhirContext() {
    return context.getBean(FhirContext.class);
  }

  DaoRegistry daoRegistry() {
    return context.getBean(DaoRegistry.class);
  }

  @SuppressWarnings("unchecked")
  IFhirSystemDao<Bundle, Meta> systemDao() {
    return context.getBean(IFhirSystemDao.class);
  }

  @Override
  public void close() {
    context.close();
  }
}
