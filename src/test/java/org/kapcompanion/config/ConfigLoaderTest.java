package org.kapcompanion.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigLoaderTest {

  @TempDir
  Path dir;

  private ConfigLoader loader;

  @BeforeEach
  void setUp() throws IOException {
    Files.createDirectories(dir.resolve("config"));
    Files.copy(Path.of("config/clinical-protocol.json"), dir.resolve("config/clinical-protocol.json"));
    Files.writeString(dir.resolve("secret.txt"), "s3cret\n");
    loader = new ConfigLoader(Map.of("EPIC_SECRET", "from-env"), dir);
  }

  @Test
  void shippedConfigurationLoadsAndStartsTheSandbox() throws Exception {
    Files.copy(Path.of("config/kap-companion.json"), dir.resolve("config/kap-companion.json"));
    AppConfig config = loader.load(Path.of("config/kap-companion.json"));
    assertThat(config.tenants()).isEmpty();
    assertThat(config.publicBaseUrl().toString()).isEqualTo("http://localhost:8080/");
    assertThat(config.protocol().bloodPressureGate().systolic()).isEqualTo(140);
    assertThat(config.protocol().interactingMedications()).extracting(ClinicalProtocol.MedicationClass::name)
        .contains("Benzodiazepine", "Lamotrigine", "Psychostimulant");
    assertThat(config.store().encryptionKey()).hasSize(32);
  }

  @Test
  void secretsComeFromEnvironmentAndFiles() throws Exception {
    AppConfig config = loader.parse(base("""
        "tenants": [
          {"id": "epic", "fhirBaseUrl": "https://ehr.example.org/fhir/R4", "clientId": "abc",
           "clientAuth": {"method": "client_secret_basic", "secret": "env:EPIC_SECRET"}},
          {"id": "other", "fhirBaseUrl": "https://other.example.org/fhir", "clientId": "def",
           "clientAuth": {"method": "client_secret_post", "secret": "file:secret.txt"}}
        ]"""));
    assertThat(config.tenant("epic").orElseThrow().clientAuth().secret()).contains("from-env");
    assertThat(config.tenant("other").orElseThrow().clientAuth().secret()).contains("s3cret");
  }

  @Test
  void missingConfigFileSaysHowToPointAtOne() {
    assertThatThrownBy(() -> loader.load(Path.of("nowhere.json")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("does not exist").hasMessageContaining("--config");
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    assertThatThrownBy(() -> loader.parse("""
        {"publicBaseUrl": "ftp://x/", "server": {"port": 70000},
         "tenants": [{"id": "Bad Id", "fhirBaseUrl": "nope", "clientId": ""}]}"""))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).hasSizeGreaterThanOrEqualTo(4));
  }

  static Stream<Arguments> badSettings() {
    return Stream.of(
        Arguments.of("no public URL", "{}", "publicBaseUrl: is missing"),
        Arguments.of("http on a real host", "{\"publicBaseUrl\": \"http://kap.example.org/\"}",
            "publicBaseUrl: uses http on a non-local host"),
        Arguments.of("no trailing slash", "{\"publicBaseUrl\": \"https://kap.example.org\"}",
            "publicBaseUrl: must end with \"/\""),
        Arguments.of("port out of range", base("\"server\": {\"port\": 99999}"), "server.port: is 99999"),
        Arguments.of("port not a number", base("\"server\": {\"port\": \"eighty\"}"), "server.port: must be a whole number"),
        Arguments.of("unknown database", base("\"store\": {\"jdbcUrl\": \"jdbc:mysql://x/db\"}"),
            "store.jdbcUrl: \"jdbc:mysql://x/db\" is neither an H2 nor a PostgreSQL JDBC URL"),
        Arguments.of("literal database password", base("\"store\": {\"password\": \"hunter2\"}"),
            "store.password: a secret written into the configuration file is not accepted"),
        Arguments.of("unset environment variable", base("\"store\": {\"encryptionKey\": \"env:NOPE\"}"),
            "store.encryptionKey: environment variable NOPE is not set"),
        Arguments.of("short encryption key", base("\"store\": {\"encryptionKey\": \"file:secret.txt\"}"),
            "store.encryptionKey: is not 32 bytes of base64"),
        Arguments.of("tenant without client id", tenant("https://ehr.example.org/fhir", "", "\"displayName\": \"EHR\""),
            "tenants[0].clientId: is empty"),
        Arguments.of("tenant with bad FHIR URL", tenant("ehr.example.org", "kap", "\"displayName\": \"EHR\""),
            "tenants[0].fhirBaseUrl: \"ehr.example.org\" is not an absolute http(s) URL"),
        Arguments.of("unknown auth method", tenant("\"clientAuth\": {\"method\": \"password\"}"),
            "tenants[0].clientAuth.method: \"password\" is not a client authentication method"),
        Arguments.of("literal client secret",
            tenant("\"clientAuth\": {\"method\": \"client_secret_basic\", \"secret\": \"abc\"}"),
            "tenants[0].clientAuth.secret: a secret written into the configuration file is not accepted"),
        Arguments.of("unsupported signing algorithm",
            tenant("\"clientAuth\": {\"method\": \"private_key_jwt\", \"algorithm\": \"HS256\"}"),
            "tenants[0].clientAuth.algorithm: \"HS256\" is not supported"),
        Arguments.of("private_key_jwt without keys",
            tenant("\"clientAuth\": {\"method\": \"private_key_jwt\"}"), "create the signing keys with"),
        Arguments.of("origin with a path", tenant("\"allowedEhrOrigins\": [\"https://ehr.example.org/app\"]"),
            "tenants[0].allowedEhrOrigins: \"https://ehr.example.org/app\" is not an origin"),
        Arguments.of("duplicate tenant ids", base("""
            "tenants": [{"id": "a", "fhirBaseUrl": "https://one.example.org/fhir", "clientId": "x"},
                        {"id": "a", "fhirBaseUrl": "https://two.example.org/fhir", "clientId": "y"}]"""),
            "tenants[1].id: \"a\" is used by two tenants"),
        Arguments.of("missing protocol file", base("\"protocolFile\": \"config/none.json\""),
            "protocolFile: "),
        Arguments.of("not JSON", "{\"publicBaseUrl\": ", "configuration: is not valid JSON"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badSettings")
  void badSettingIsNamedWithItsFix(String unused, String json, String expectedProblem) {
    assertThatThrownBy(() -> loader.parse(json))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
            .anySatisfy(problem -> assertThat(problem).contains(expectedProblem).contains("—")));
  }

  private static String base(String more) {
    return "{\"publicBaseUrl\": \"https://kap.example.org/\", " + more + "}";
  }

  private static String tenant(String override) {
    return tenant("https://ehr.example.org/fhir", "kap", override);
  }

  private static String tenant(String fhirBaseUrl, String clientId, String extra) {
    return base("\"tenants\": [{\"id\": \"ehr\", \"fhirBaseUrl\": \"" + fhirBaseUrl + "\", \"clientId\": \""
        + clientId + "\", " + extra + "}]");
  }
}
