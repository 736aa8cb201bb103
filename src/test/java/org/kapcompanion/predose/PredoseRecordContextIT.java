package org.kapcompanion.predose;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kapcompanion.testing.HttpBrowser;
import org.kapcompanion.testing.Launches;
import org.kapcompanion.testing.SandboxSessions;
import org.kapcompanion.testing.TestEnvironment;

/**
 * The pre-dose checklist's "from the record" fields against the sandbox EHR: they keep the record's values after
 * "Check the checklist" (a full form post), and an empty record says "none recorded in the EHR", never "not known".
 */
class PredoseRecordContextIT {

  private static TestEnvironment environment;
  private final HttpBrowser browser = new HttpBrowser();
  private final Launches launches = new Launches(environment, browser);

  @BeforeAll
  static void start() {
    environment = TestEnvironment.get();
    environment.app(TestEnvironment.PUBLIC_CLIENT);
  }

  @Test
  void fromTheRecordFieldsKeepTheRecordsValuesAfterCheckingTheChecklist() throws Exception {
    HttpBrowser.Page summary = launches.ehrLaunchedPage(TestEnvironment.PUBLIC_CLIENT, "kap-pt-04");
    URI predose = summary.url().resolve("predose");
    HttpBrowser.Page opened = browser.get(predose);
    String conditions = field(opened.body(), "conditions-on-record");
    assertThat(conditions).containsIgnoringCase("hypertension").contains("from the record");

    HttpBrowser.Page checked = browser.post(predose, Map.of("csrf", opened.inputValue("csrf")));

    assertThat(checked.status()).isEqualTo(200);
    assertThat(field(checked.body(), "conditions-on-record")).isEqualTo(conditions).doesNotContain("Not known yet");
    assertThat(field(checked.body(), "medications-on-record"))
        .isEqualTo(field(opened.body(), "medications-on-record"));
  }

  @Test
  void aRecordWithNothingToListSaysNoneRecordedInTheEhr() throws Exception {
    String patient = "empty-" + UUID.randomUUID().toString().substring(0, 8);
    SandboxSessions.of(environment).patient(patient, "Ada Fenwick-Empty");
    HttpBrowser.Page summary = launches.ehrLaunchedPage(TestEnvironment.PUBLIC_CLIENT, patient);
    URI predose = summary.url().resolve("predose");
    HttpBrowser.Page opened = browser.get(predose);
    assertThat(field(opened.body(), "conditions-on-record")).contains("None recorded in the EHR")
        .doesNotContain("Not known yet");
    HttpBrowser.Page checked = browser.post(predose, Map.of("csrf", opened.inputValue("csrf")));
    assertThat(field(checked.body(), "medications-on-record")).contains("None recorded in the EHR")
        .doesNotContain("Not known yet");
  }

  private static String field(String body, String linkId) {
    Matcher matcher = Pattern.compile("<div class=\"field computed\" id=\"f-" + linkId + "\">(.*?)</div>",
        Pattern.DOTALL).matcher(body);
    assertThat(matcher.find()).as("field " + linkId + " on the page").isTrue();
    return matcher.group(1).replaceAll("\\s+", " ").trim();
  }
}
