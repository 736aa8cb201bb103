package org.kapcompanion.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every page template is filled from one typed page model: its only parameter is {@code model} of that record's type,
 * and every template no other template calls has such a model, so no page is rendered from named parameters.
 */
class PageTemplatesTest {

  private static final Path TEMPLATES = Path.of("src/main/jte");
  private static final Pattern CALL = Pattern.compile("@template\\.([\\w.\\-]+)\\(");
  private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(ContentType.Html);
  private static final Set<Class<?>> PAGE_MODELS = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.kapcompanion").stream()
      .filter(type -> type.isAssignableTo(PageModel.class) && !type.isInterface())
      .map(JavaClass::reflect).collect(Collectors.toSet());

  @Test
  void eachPageModelsTemplateTakesOnlyThatModel() throws ReflectiveOperationException {
    for (Class<?> type : PAGE_MODELS) {
      PageModel model = blank(type);
      assertThat(ENGINE.getParamInfo(model.template())).as(model.template())
          .containsExactly(Map.entry("model", type));
    }
  }

  @Test
  void everyTemplateNoTemplateCallsHasAPageModel() throws IOException, ReflectiveOperationException {
    Set<String> modelled = new HashSet<>();
    for (Class<?> type : PAGE_MODELS) {
      modelled.add(blank(type).template());
    }
    assertThat(modelled).containsAll(pageTemplates());
  }

  /** The record with every component null, zero or false: enough to ask which template it fills. */
  private static PageModel blank(Class<?> type) throws ReflectiveOperationException {
    RecordComponent[] components = type.getRecordComponents();
    Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
    Object[] values = Arrays.stream(types).map(PageTemplatesTest::blankValue).toArray();
    return (PageModel) type.getDeclaredConstructor(types).newInstance(values);
  }

  private static Object blankValue(Class<?> type) {
    if (type == boolean.class) {
      return false;
    }
    if (type == int.class) {
      return 0;
    }
    return type == long.class ? Long.valueOf(0) : null;
  }

  /** The app's templates (not the sandbox's) that no other template calls. */
  private static Set<String> pageTemplates() throws IOException {
    Set<String> all;
    try (Stream<Path> files = Files.walk(TEMPLATES)) {
      all = files.filter(file -> file.toString().endsWith(".jte"))
          .map(file -> TEMPLATES.relativize(file).toString().replace('\\', '/'))
          .filter(name -> !name.startsWith("sandbox/")).collect(Collectors.toSet());
    }
    Set<String> called = new HashSet<>();
    for (String name : all) {
      CALL.matcher(Files.readString(TEMPLATES.resolve(name))).results()
          .forEach(call -> called.add(call.group(1).replace('.', '/') + ".jte"));
    }
    all.removeAll(called);
    return all;
  }
}
