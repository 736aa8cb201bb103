package org.kapcompanion.admin;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonLogTest {

  @Test
  void productionLogLineIsJsonWithTheRequestIdAndWithoutExceptionMessages() throws Exception {
    LoggerContext context = new LoggerContext();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(JsonLogTest.class.getResource("/logback.xml"));
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    @SuppressWarnings("unchecked")
    ConsoleAppender<ILoggingEvent> appender = (ConsoleAppender<ILoggingEvent>) root.getAppender("json");

    LoggingEvent event = new LoggingEvent(Logger.class.getName(), context.getLogger("org.kapcompanion.web"),
        Level.ERROR, "unhandled {} on GET /s/{session}", new IllegalStateException("Patient Jane Doe, MRN 98-77-66"),
        new Object[] {"java.lang.IllegalStateException"});
    event.setMDCPropertyMap(Map.of("requestId", "0123456789abcdef"));
    String line = new String(appender.getEncoder().encode(event), StandardCharsets.UTF_8);

    JsonObject json = JsonParser.parseString(line).getAsJsonObject();
    assertThat(json.get("level").getAsString()).isEqualTo("ERROR");
    assertThat(json.getAsJsonObject("mdc").get("requestId").getAsString()).isEqualTo("0123456789abcdef");
    assertThat(json.get("formattedMessage").getAsString())
        .isEqualTo("unhandled java.lang.IllegalStateException on GET /s/{session}");
    assertThat(line).doesNotContain("Jane Doe").doesNotContain("98-77-66");
    context.stop();
  }
}
