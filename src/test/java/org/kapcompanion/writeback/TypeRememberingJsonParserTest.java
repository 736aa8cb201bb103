package org.kapcompanion.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.hl7.fhir.common.hapi.validation.validator.WorkerContextValidationSupportAdapter;
import org.hl7.fhir.r5.elementmodel.ParserBase;
import org.hl7.fhir.r5.elementmodel.ValidatedFragment;
import org.hl7.fhir.r5.model.Resource;
import org.hl7.fhir.utilities.validation.ValidationMessage;
import org.junit.jupiter.api.Test;

class TypeRememberingJsonParserTest {

  private static final String OBSERVATION = """
      {"resourceType": "Observation", "status": "final", "code": {"text": "Session note"}}""";

  private final CountingWorker worker = new CountingWorker();
  private final TypeRememberingJsonParser parser = new TypeRememberingJsonParser(worker);

  TypeRememberingJsonParserTest() {
    parser.setupValidation(ParserBase.ValidationPolicy.EVERYTHING);
  }

  @Test
  void looksUpAResourceTypeAmongAllDefinitionsOnlyTheFirstTime() throws IOException {
    ValidatedFragment first = parse(OBSERVATION);
    int scansForFirst = worker.scans.getAndSet(0);

    ValidatedFragment second = parse(OBSERVATION);

    assertThat(scansForFirst).isPositive();
    assertThat(worker.scans).hasValue(0);
    assertThat(second.getElement().getProperty().getStructure())
        .isSameAs(first.getElement().getProperty().getStructure());
    assertThat(second.getElement().getProperty().getStructure().getUrl())
        .isEqualTo("http://hl7.org/fhir/StructureDefinition/Observation");
    assertThat(second.getErrors()).isEqualTo(first.getErrors());
  }

  @Test
  void reportsAnUnknownResourceTypeEveryTime() throws IOException {
    String unknown = """
        {"resourceType": "SessionGossip", "status": "final"}""";

    List<ValidationMessage> first = parse(unknown).getErrors();
    List<ValidationMessage> second = parse(unknown).getErrors();

    assertThat(first).extracting(ValidationMessage::getLevel).contains(ValidationMessage.IssueSeverity.FATAL);
    assertThat(second).extracting(ValidationMessage::getMessage)
        .containsExactlyElementsOf(first.stream().map(ValidationMessage::getMessage).toList());
  }

  private ValidatedFragment parse(String json) throws IOException {
    List<ValidatedFragment> fragments = parser.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    assertThat(fragments).hasSize(1);
    return fragments.get(0);
  }

  /** R4 core as the validator sees it, counting every listing of its StructureDefinitions. */
  private static final class CountingWorker extends WorkerContextValidationSupportAdapter {
    private final AtomicInteger scans = new AtomicInteger();

    private CountingWorker() {
      super(new DefaultProfileValidationSupport(SharedValidator.FHIR));
    }

    @Override
    public <T extends Resource> List<T> fetchResourcesByType(Class<T> type) {
      if (type == org.hl7.fhir.r5.model.StructureDefinition.class) {
        scans.incrementAndGet();
      }
      return super.fetchResourcesByType(type);
    }
  }
}
