package org.kapcompanion.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZoneOffset;
import java.util.Base64;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigLoaderTest {

  @TempDir
  Path dir;

  private ConfigLoader loader;

  @BeforeEach
  void setUp() throws IOException {
    ShippedProtocol.copyInto(dir);
    Files.writeString(dir.resolve("secret.txt"), "s3cret\n");
    loader = new ConfigLoader(Map.of("EPIC_SECRET", "from-env"), dir);
  }

  @Test
  void shippedConfigurationLoadsWithoutTenantsSoTheSandboxIsUsed() throws Exception {
    Files.copy(Path.of("config/kap-companion.json"), dir.resolve("config/kap-companion.json"));
    AppConfig config = loader.load(Path.of("config/kap-companion.json"));
    assertThat(config.tenants()).isEmpty();
    assertThat(config.publicBaseUrl().toString()).isEqualTo("http://localhost:8080/");
    assertThat(config.protocol().bloodPressureGate().systolic()).isEqualTo(140);
    assertThat(config.protocol().interactingMedications()).extracting(ClinicalProtocol.MedicationClass::name)
        .contains("Benzodiazepine", "Lamotrigine", "Psychostimulant");
    assertThat(config.store().encryptionKey()).hasSize(32);
    assertThat(config.store().deliveryStalledAfter()).isEqualTo(java.time.Duration.ofMinutes(5));
  }

  @Test
  void shippedProtocolCarriesThePublishedDefaults() throws Exception {
    ClinicalProtocol protocol = loader.parse(base("\"tenants\": []")).protocol();
    assertThat(protocol.alertRules()).isEqualTo(
        new ClinicalProtocol.AlertRules(new ClinicalProtocol.BloodPressure(180, 110), 2, 5, 120, 5, 92, 2,
            new ClinicalProtocol.Severe(new ClinicalProtocol.BloodPressure(180, 110), 90, 2, 130, 45)));
    assertThat(protocol.monitoring()).isEqualTo(new ClinicalProtocol.Monitoring(List.of(0, 40), true, 15, 120,
        new ClinicalProtocol.RemsWindow(25, 40, 60), 5));
    assertThat(protocol.fasting()).isEqualTo(new ClinicalProtocol.Fasting(2, 30));
    assertThat(protocol.followUps()).extracting(ClinicalProtocol.FollowUp::label)
        .containsExactly("24h", "72h", "1w", "2w", "1m", "3m");
    assertThat(protocol.recoveryInstructions()).contains("Do not drive").contains("{{crisisLine}}");
  }

  @Test
  void absentProtocolKeysTakeTheirDefaults() throws Exception {
    Files.writeString(dir.resolve("config/clinical-protocol.json"), """
        {"clinic": {"name": "Clinic", "phone": "1"}}""");
    ClinicalProtocol protocol = loader.parse(base("\"tenants\": []")).protocol();
    assertThat(protocol.bloodPressureGate()).isEqualTo(new ClinicalProtocol.BloodPressure(140, 90));
    assertThat(protocol.alertRules().oxygenSaturationBelow()).isEqualTo(92);
    assertThat(protocol.monitoring().minimumMinutes()).isEqualTo(120);
    assertThat(protocol.followUps()).hasSize(6);
    assertThat(protocol.clinic().crisisLine()).isEqualTo("988");
  }

  @Test
  void shippedProtocolTurnsEveryGateControlOnWithItsDefaults() throws Exception {
    ClinicalProtocol protocol = loader.parse(base("\"tenants\": []")).protocol();
    assertThat(protocol.gates()).isEqualTo(ClinicalProtocol.Gates.DEFAULTS);
    assertThat(protocol.gates().consequence("cssrs-positive")).isEqualTo(ClinicalProtocol.Consequence.PRESCRIBER_DECISION);
    assertThat(protocol.gates().consequence("ci-vascular")).isEqualTo(ClinicalProtocol.Consequence.ABSOLUTE);
  }

  @Test
  void aGateConsequenceThatIsNotOneOrAnUnknownFindingIsNamed() throws Exception {
    Files.writeString(dir.resolve("config/clinical-protocol.json"), """
        {"clinic": {"name": "Clinic", "phone": "1"},
         "gates": {"start": {"ci-pregnancy": "maybe", "ci-unknown": "caution"}}}""");
    assertThatThrownBy(() -> loader.parse(base("\"tenants\": []")))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
            .anySatisfy(p -> assertThat(p).startsWith("protocol.gates.start.ci-pregnancy: \"maybe\" is not a consequence"))
            .anySatisfy(p -> assertThat(p).startsWith("protocol.gates.start.ci-unknown: is not a pre-dose finding")));
  }

  @Test
  void theClinicTimeZoneIsReadAndAWrongOneIsNamed() throws Exception {
    assertThat(loader.parse(base("\"tenants\": [], \"timeZone\": \"America/New_York\"")).timeZone())
        .isEqualTo(java.time.ZoneId.of("America/New_York"));
    assertThatThrownBy(() -> loader.parse(base("\"tenants\": [], \"timeZone\": \"Mars/Olympus\"")))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
            .anySatisfy(p -> assertThat(p).startsWith("timeZone: \"Mars/Olympus\" is not a time zone")));
  }

  @Test
  void followUpIsDueTheConfiguredTimeAfterTheSession() {
    ZonedDateTime end = ZonedDateTime.of(2026, 1, 31, 12, 0, 0, 0, ZoneOffset.UTC);
    assertThat(new ClinicalProtocol.FollowUp("72h", 72, ChronoUnit.HOURS).dueAfter(end))
        .isEqualTo(end.plusDays(3));
    assertThat(new ClinicalProtocol.FollowUp("1m", 1, ChronoUnit.MONTHS).dueAfter(end))
        .isEqualTo(ZonedDateTime.of(2026, 2, 28, 12, 0, 0, 0, ZoneOffset.UTC));
  }

  static Stream<Arguments> badProtocolSettings() {
    return Stream.of(
        Arguments.of("gate not a number", "\"bloodPressureGate\": {\"systolic\": \"high\"}",
            "protocol.bloodPressureGate.systolic: must be a whole number"),
        Arguments.of("alert below the gate", "\"alertRules\": {\"bloodPressure\": {\"systolic\": 130}}",
            "protocol.alertRules.bloodPressure.systolic: the alert limit 130/110 is not above the pre-dose gate"),
        Arguments.of("SpO2 floor out of range", "\"alertRules\": {\"oxygenSaturation\": {\"below\": 100}}",
            "protocol.alertRules.oxygenSaturation.below: is 100, outside 70–99"),
        Arguments.of("MOAA/S out of the scale", "\"alertRules\": {\"sedation\": {\"moaasAtOrBelow\": 6}}",
            "protocol.alertRules.sedation.moaasAtOrBelow: is 6"),
        Arguments.of("BP schedule out of order", "\"monitoring\": {\"bloodPressureAtMinutes\": [40, 0]}",
            "protocol.monitoring.bloodPressureAtMinutes: is not in ascending order"),
        Arguments.of("BP check after the minimum time",
            "\"monitoring\": {\"bloodPressureAtMinutes\": [0, 150], \"minimumMinutes\": 120}",
            "protocol.monitoring.bloodPressureAtMinutes: has a check at 150 min"),
        Arguments.of("interval longer than monitoring",
            "\"monitoring\": {\"checkIntervalMinutes\": 90, \"minimumMinutes\": 60}",
            "protocol.monitoring.checkIntervalMinutes: is 90 min, not shorter than minimumMinutes"),
        Arguments.of("fasting too long", "\"fasting\": {\"foodHours\": 24}", "protocol.fasting.foodHours: is 24"),
        Arguments.of("follow-up not a time", "\"followUpSchedule\": [\"next week\"]",
            "protocol.followUpSchedule: \"next week\" is not a time after the session"),
        Arguments.of("follow-ups out of order", "\"followUpSchedule\": [\"1w\", \"72h\"]",
            "protocol.followUpSchedule: \"72h\" does not come after \"1w\""),
        Arguments.of("clinic without phone", "\"clinic\": {\"name\": \"Clinic\"}", "protocol.clinic.phone: is missing"),
        Arguments.of("missing handout", "\"recoveryInstructionsFile\": \"config/none.md\"",
            "protocol.recoveryInstructionsFile: file "),
        Arguments.of("unknown placeholder", "\"recoveryInstructionsFile\": \"handout.md\"",
            "protocol.recoveryInstructionsFile: {{patientName}} in "));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badProtocolSettings")
  void badProtocolSettingIsNamedWithItsFix(String unused, String keys, String expectedProblem) throws IOException {
    Files.writeString(dir.resolve("handout.md"), "Dear {{patientName}}, rest today.");
    Files.writeString(dir.resolve("config/clinical-protocol.json"),
        "{\"clinic\": {\"name\": \"Clinic\", \"phone\": \"1\"}, " + keys + "}");
    badSettingIsNamedWithItsFix(unused, base("\"tenants\": []"), expectedProblem);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sandbox.json", "epic-like.json", "oracle-health-like.json"})
  void shippedExamplesAreValidApartFromFilesThatLiveOnTheServer(String example) throws IOException {
    Files.createDirectories(dir.resolve("config/examples"));
    Files.copy(Path.of("config/examples", example), dir.resolve("config/examples/" + example));
    ConfigLoader withSecrets = new ConfigLoader(Map.of("KAP_ADMIN_TOKEN", "an-admin-token-of-some-length",
        "KAP_DB_PASSWORD", "db", "KAP_CLIENT_SECRET", "secret",
        "KAP_STORE_KEY", Base64.getEncoder().encodeToString(new byte[32])), dir);
    try {
      AppConfig config = withSecrets.load(Path.of("config/examples", example));
      assertThat(config.adminToken()).isPresent();
    } catch (ConfigException e) {
      assertThat(e.problems()).allSatisfy(problem -> assertThat(problem).contains("/etc/kap-companion/"));
    }
  }

  @Test
  void reviewChangeFeedIsTriedUnlessSwitchedOff() throws Exception {
    assertThat(loader.parse(base("\"tenants\": []")).reviewChangeFeed()).isTrue();
    assertThat(loader.parse(base("\"review\": {\"changeFeed\": \"off\"}")).reviewChangeFeed()).isFalse();
  }

  @Test
  void adminTokenComesFromTheEnvironmentAndMustBeLong() throws Exception {
    ConfigLoader loader = new ConfigLoader(Map.of("TOKEN", "short", "LONG", "a-token-long-enough-for-admins"), dir);
    assertThat(loader.parse(base("\"admin\": {\"token\": \"env:LONG\"}")).adminToken())
        .contains("a-token-long-enough-for-admins");
    assertThat(loader.parse(base("\"admin\": {\"token\": \"env:LONG\"}")).toString())
        .doesNotContain("a-token-long-enough-for-admins");
    assertThat(loader.parse(base("\"tenants\": []")).adminToken()).isEmpty();
    assertThatThrownBy(() -> loader.parse(base("\"admin\": {\"token\": \"env:TOKEN\"}")))
        .hasMessageContaining("admin.token: is shorter than 24 characters");
    assertThatThrownBy(() -> loader.parse(base("\"admin\": {\"token\": \"literal-token-in-the-file-0123\"}")))
        .hasMessageContaining("admin.token: a secret written into the configuration file is not accepted");
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
  void ehrOriginsOfOneMachineOrOverHttpsAreAccepted() throws Exception {
    AppConfig config = loader.parse(origins("https://ehr.example.org", "https://ehr.example.org:8443",
        "https://10.1.2.3", "http://localhost:8090", "http://127.0.0.1:8090", "http://[::1]:8090",
        "https://xn--bcher-kva.example"));
    assertThat(config.tenants().get(0).allowedEhrOrigins()).hasSize(7);
  }

  @Test
  void generatedStoreKeyIsReadableByItsOwnerOnly() throws Exception {
    assumePosix();
    loader.parse(base("\"dataDir\": \"data\""));
    assertThat(Files.getPosixFilePermissions(dir.resolve("data/app/store.key")))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    try (Stream<Path> files = Files.list(dir.resolve("data/app"))) {
      assertThat(files).extracting(path -> path.getFileName().toString()).containsExactly("store.key");
    }
  }

  @Test
  void storeKeyOthersCanReadStopsTheStartWithTheFix() throws Exception {
    assumePosix();
    Path key = dir.resolve("data/app/store.key");
    Files.createDirectories(key.getParent());
    Files.writeString(key, Base64.getEncoder().encodeToString(new byte[32]));
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

    assertThatThrownBy(() -> loader.parse(base("\"dataDir\": \"data\"")))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).singleElement()
            .satisfies(problem -> assertThat(problem).startsWith("store.encryptionKey: the key file " + key)
                .contains("can be read by other users (rw-r--r--)").contains("run `chmod 600 " + key + "`")));
  }

  @Test
  void keyFilesGroupMembersCanReadStopTheStart() throws Exception {
    assumePosix();
    Path storeKey = dir.resolve("store.key");
    Files.writeString(storeKey, Base64.getEncoder().encodeToString(new byte[32]));
    Files.setPosixFilePermissions(storeKey, PosixFilePermissions.fromString("rw-r-----"));
    Path keys = dir.resolve("keys.jwks");
    Files.writeString(keys, "{\"keys\": []}");
    Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-rw----"));

    assertThatThrownBy(() -> loader.parse(base("\"keysFile\": \"keys.jwks\", "
        + "\"store\": {\"encryptionKey\": \"file:store.key\"}")))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
            "store.encryptionKey: the key file " + storeKey + " can be read by other users (rw-r-----), and whoever "
                + "reads it can decrypt what the app stores or sign as the app — " + KeyFile.fix(storeKey),
            "keysFile: the key file " + keys + " can be read by other users (rw-rw----), and whoever reads it can "
                + "decrypt what the app stores or sign as the app — " + KeyFile.fix(keys)));

    Files.setPosixFilePermissions(storeKey, PosixFilePermissions.fromString("r--------"));
    Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-------"));
    assertThat(loader.parse(base("\"keysFile\": \"keys.jwks\", "
        + "\"store\": {\"encryptionKey\": \"file:store.key\"}")).store().encryptionKey()).hasSize(32);
  }

  @Test
  void rewritingAKeyFileOthersCouldReadLeavesItOwnerOnly() throws Exception {
    assumePosix();
    Path key = dir.resolve("keys/signing.jwks");
    Files.createDirectories(key.getParent());
    Files.writeString(key, "old");
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

    KeyFile.write(key, "new");

    assertThat(Files.readString(key)).isEqualTo("new");
    assertThat(Files.getPosixFilePermissions(key)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    try (Stream<Path> files = Files.list(key.getParent())) {
      assertThat(files).containsExactly(key);
    }
  }

  private static void assumePosix() {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
        "POSIX permissions are not supported here, so key files are not checked");
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
        Arguments.of("delivery stall of no time", base("\"store\": {\"deliveryStalledMinutes\": 0}"),
            "store.deliveryStalledMinutes: is 0, outside 1–1440"),
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
            "tenants[0].allowedEhrOrigins[0]: \"https://ehr.example.org/app\" is not an origin"),
        Arguments.of("origin that is a bare wildcard", origins("https://ehr.example.org", "https://*"),
            "tenants[0].allowedEhrOrigins[1]: \"https://*\" holds a wildcard"),
        Arguments.of("origin with a wildcard host", origins("https://*.com"),
            "tenants[0].allowedEhrOrigins[0]: \"https://*.com\" holds a wildcard"),
        Arguments.of("origin over http on a real host", origins("http://evil.example"),
            "tenants[0].allowedEhrOrigins[0]: \"http://evil.example\" uses http"),
        Arguments.of("origin smuggling a policy directive", origins("https://ehr.example;script-src-elem"),
            "\"https://ehr.example;script-src-elem\" does not have a valid host name"),
        Arguments.of("origin with a space", origins("https://ehr.example.org https://evil.example"),
            "holds whitespace — write one origin per list item"),
        Arguments.of("origin with quotes", origins("'self'"), "\"'self'\" is not an origin"),
        Arguments.of("origin with a trailing slash", origins("https://ehr.example.org/"), "is not an origin"),
        Arguments.of("origin with a user", origins("https://me@ehr.example.org"), "does not have a valid host name"),
        Arguments.of("origin with a query", origins("https://ehr.example.org?x=1"), "is not an origin"),
        Arguments.of("origin with an impossible port", origins("https://ehr.example.org:99999"),
            "has a port that is not a port number"),
        Arguments.of("origin with capitals", origins("https://EHR.example.org"),
            "has capital letters — write \"https://ehr.example.org\""),
        Arguments.of("origin with a non-ASCII host", origins("https://bücher.example"),
            "write the host in its ASCII (punycode) form: \"https://xn--bcher-kva.example\""),
        Arguments.of("supervisor that is not a practitioner reference",
            tenant("\"supervisors\": [\"Practitioner/ines-1\", \"Dr Ines Achterberg\"]"),
            "tenants[0].supervisors[1]: \"Dr Ines Achterberg\" is not a Practitioner reference — write each supervisor "
                + "as the EHR names them in fhirUser, e.g. \"Practitioner/12345\""),
        Arguments.of("duplicate tenant ids", base("""
            "tenants": [{"id": "a", "fhirBaseUrl": "https://one.example.org/fhir", "clientId": "x"},
                        {"id": "a", "fhirBaseUrl": "https://two.example.org/fhir", "clientId": "y"}]"""),
            "tenants[1].id: \"a\" is used by two tenants"),
        Arguments.of("sandbox on the app's port", base("\"server\": {\"port\": 8090}, \"sandbox\": {\"port\": 8090}"),
            "sandbox.port: is 8090, the same as server.port"),
        Arguments.of("unknown sandbox persona", base("\"sandbox\": {\"persona\": \"epic\"}"),
            "sandbox.persona: is \"epic\", which the sandbox does not offer — use one of strict, epic-like, "
                + "oracle-like"),
        Arguments.of("generated key on a shared database", base("\"store\": {\"jdbcUrl\": "
            + "\"jdbc:postgresql://db.example.org/kap\"}"), "store.encryptionKey: is \"generate\" (a key kept by this "
            + "node only), but the store is PostgreSQL"),
        Arguments.of("unknown review change feed setting", base("\"review\": {\"changeFeed\": \"on\"}"),
            "review.changeFeed: is \"on\" — write \"auto\""),
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

  @Test
  void keyCreationLoadsAPrivateKeyJwtConfigurationBeforeTheKeyFileExists() throws Exception {
    String json = tenant("\"clientAuth\": {\"method\": \"private_key_jwt\"}");

    assertThat(loader.parseForKeyCreation(json).keysFile()).doesNotExist();
    assertThatThrownBy(() -> loader.parse(json)).hasMessageContaining("create the signing keys with");
  }

  private static String base(String more) {
    return "{\"publicBaseUrl\": \"https://kap.example.org/\", " + more + "}";
  }

  private static String origins(String... origins) {
    return tenant("\"allowedEhrOrigins\": [\"" + String.join("\", \"", origins) + "\"]");
  }

  private static String tenant(String override) {
    return tenant("https://ehr.example.org/fhir", "kap", override);
  }

  private static String tenant(String fhirBaseUrl, String clientId, String extra) {
    return base("\"tenants\": [{\"id\": \"ehr\", \"fhirBaseUrl\": \"" + fhirBaseUrl + "\", \"clientId\": \""
        + clientId + "\", " + extra + "}]");
  }
}
