package org.kapcompanion.config;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Loads {@code config/kap-companion.json} (JSON with comments) and the clinical protocol it names, resolves secrets
 * from the environment or files, and refuses to return a configuration with any problem in it.
 */
public final class ConfigLoader {

  private static final String SECRET_FIX =
      "put the secret in an environment variable and write \"env:VARIABLE\", or in a file and write \"file:/path\"";

  private final Map<String, String> environment;
  private final Path workingDir;

  /**
   * @param environment where {@code env:} secrets are looked up
   * @param workingDir what relative paths in the configuration are relative to
   */
  public ConfigLoader(Map<String, String> environment, Path workingDir) {
    this.environment = environment;
    this.workingDir = workingDir;
  }

  public AppConfig load(Path configFile) throws ConfigException {
    Path file = workingDir.resolve(configFile);
    if (!Files.isRegularFile(file)) {
      throw new ConfigException(List.of("config file " + file + " does not exist — run from the project directory, "
          + "or pass --config PATH (or set KAP_CONFIG) to name the configuration file"));
    }
    return parse(read(file));
  }

  /**
   * Loads the configuration for {@code keys new}, which creates the key file: a missing key file is then not a
   * problem, everything else is checked as for a start.
   */
  public AppConfig loadForKeyCreation(Path configFile) throws ConfigException {
    Path file = workingDir.resolve(configFile);
    if (!Files.isRegularFile(file)) {
      return load(configFile);
    }
    return parse(read(file), true);
  }

  /** Parses and validates the text of a configuration file. */
  public AppConfig parse(String json) throws ConfigException {
    return parse(json, false);
  }

  /** The same, for {@code keys new}: the key file it is about to create may be missing. */
  AppConfig parseForKeyCreation(String json) throws ConfigException {
    return parse(json, true);
  }

  private AppConfig parse(String json, boolean keysToBeCreated) throws ConfigException {
    List<String> problems = new ArrayList<>();
    JsonFields root = new JsonFields(parseObject(json, "configuration").getAsJsonObject(), "", problems);

    Optional<URI> publicBaseUrl = root.url("publicBaseUrl", true,
        "set it to the https URL clinicians' browsers use to reach the app, e.g. \"https://kap.clinic.example\"");
    publicBaseUrl.ifPresent(url -> checkPublicUrl(url, root));
    JsonFields server = root.object("server").orElse(emptyFields("server", problems));
    String host = server.stringOr("host", "127.0.0.1");
    int port = server.integer("port", 8080, 0, 65535);
    Path dataDir = workingDir.resolve(root.stringOr("dataDir", "data"));
    StoreConfig store = store(root.object("store").orElse(emptyFields("store", problems)), dataDir, problems);
    Path keysFile = workingDir.resolve(root.stringOr("keysFile", dataDir.resolve("app/keys.jwks").toString()));
    List<TenantConfig> tenants = tenants(root, problems);
    AppConfig.SandboxConfig sandbox = sandbox(root.object("sandbox").orElse(emptyFields("sandbox", problems)));
    ClinicalProtocol protocol = protocol(root.stringOr("protocolFile", "config/clinical-protocol.json"), problems);
    checkKeysForPrivateKeyJwt(tenants, keysFile, keysToBeCreated, problems);
    checkContradictions(root, port, store, tenants, sandbox);
    Optional<String> adminToken = adminToken(root.object("admin").orElse(emptyFields("admin", problems)));

    java.time.ZoneId timeZone = timeZone(root);
    boolean reviewChangeFeed = reviewChangeFeed(root.object("review").orElse(emptyFields("review", problems)));
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new AppConfig(publicBaseUrl.orElseThrow(), host, port, dataDir, store, keysFile, tenants, sandbox, protocol,
        adminToken, timeZone, reviewChangeFeed);
  }

  /** {@code review.changeFeed}: {@code auto} (the default) or {@code off}. */
  private static boolean reviewChangeFeed(JsonFields fields) {
    String value = fields.stringOr("changeFeed", "auto");
    if (!value.equals("auto") && !value.equals("off")) {
      fields.problem("changeFeed", "is \"" + value + "\"", "write \"auto\" (picked up where the EHR allows searches "
          + "across patients) or \"off\"");
    }
    return value.equals("auto");
  }

  /** The clinic's time zone ({@code timeZone}, an IANA name); the machine's zone when it is left out. */
  private static java.time.ZoneId timeZone(JsonFields root) {
    String name = root.stringOr("timeZone", java.time.ZoneId.systemDefault().getId());
    try {
      return java.time.ZoneId.of(name);
    } catch (java.time.DateTimeException e) {
      root.problem("timeZone", "\"" + name + "\" is not a time zone",
          "write the clinic's IANA zone name, e.g. \"America/New_York\" or \"Europe/Berlin\"");
      return java.time.ZoneId.systemDefault();
    }
  }

  private Optional<String> adminToken(JsonFields fields) {
    Optional<String> token = fields.optionalString("token").map(ref -> secret(fields, "token", ref));
    if (token.isPresent() && !token.get().isEmpty() && token.get().length() < 24) {
      fields.problem("token", "is shorter than 24 characters", "create one with `openssl rand -base64 32`");
    }
    return token.filter(t -> !t.isEmpty());
  }

  private void checkPublicUrl(URI url, JsonFields root) {
    boolean local = "localhost".equals(url.getHost()) || "127.0.0.1".equals(url.getHost());
    if (!"https".equals(url.getScheme()) && !local) {
      root.problem("publicBaseUrl", "uses http on a non-local host, so browsers drop the app's Secure cookies",
          "serve the app over https (e.g. behind a TLS-terminating reverse proxy) and write the https URL");
    }
    if (!url.getPath().endsWith("/")) {
      root.problem("publicBaseUrl", "must end with \"/\"", "write \"" + url + "/\"");
    }
  }

  private StoreConfig store(JsonFields fields, Path dataDir, List<String> problems) {
    String defaultUrl = "jdbc:h2:file:" + dataDir.resolve("app/kap-companion").toAbsolutePath()
        + ";AUTO_SERVER=FALSE";
    String jdbcUrl = fields.stringOr("jdbcUrl", defaultUrl);
    if (!jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.startsWith("jdbc:postgresql:")) {
      fields.problem("jdbcUrl", "\"" + jdbcUrl + "\" is neither an H2 nor a PostgreSQL JDBC URL",
          "leave it out for the embedded database, or write \"jdbc:postgresql://HOST:5432/DATABASE\"");
    }
    String username = fields.stringOr("username", "");
    String password = fields.optionalString("password").map(ref -> secret(fields, "password", ref)).orElse("");
    byte[] key = encryptionKey(fields, dataDir);
    Duration stalledAfter = Duration.ofMinutes(fields.integer("deliveryStalledMinutes",
        (int) StoreConfig.DELIVERY_STALLED_AFTER.toMinutes(), 1, 1440));
    return new StoreConfig(jdbcUrl, username, password, key, stalledAfter);
  }

  private byte[] encryptionKey(JsonFields fields, Path dataDir) {
    String reference = fields.stringOr("encryptionKey", "generate");
    if (reference.equals("generate")) {
      return generatedKey(fields, dataDir.resolve("app/store.key"));
    }
    String encoded = secret(fields, "encryptionKey", reference);
    if (reference.startsWith("file:")) {
      Path file = workingDir.resolve(reference.substring(5));
      KeyFile.exposure(file).ifPresent(what -> fields.problem("encryptionKey", what, KeyFile.fix(file)));
    }
    try {
      byte[] key = Base64.getDecoder().decode(encoded.trim());
      if (key.length == 32) {
        return key;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    fields.problem("encryptionKey", "is not 32 bytes of base64",
        "create one with `openssl rand -base64 32` and store it where \"" + reference + "\" points");
    return new byte[32];
  }

  private byte[] generatedKey(JsonFields fields, Path keyFile) {
    try {
      if (!Files.exists(keyFile)) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        KeyFile.write(keyFile, Base64.getEncoder().encodeToString(key));
      }
      KeyFile.exposure(keyFile).ifPresent(what -> fields.problem("encryptionKey", what, KeyFile.fix(keyFile)));
      return Base64.getDecoder().decode(Files.readString(keyFile).trim());
    } catch (IOException | IllegalArgumentException e) {
      fields.problem("encryptionKey", "the generated key file " + keyFile + " cannot be read or written",
          "check the permissions of the data directory, or point encryptionKey at \"env:…\" or \"file:…\"");
      return new byte[32];
    }
  }

  private List<TenantConfig> tenants(JsonFields root, List<String> problems) {
    List<TenantConfig> tenants = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    Set<URI> issuers = new HashSet<>();
    for (JsonFields fields : root.objects("tenants")) {
      Optional<TenantConfig> tenant = tenant(fields);
      tenant.ifPresent(t -> {
        if (!ids.add(t.id())) {
          fields.problem("id", "\"" + t.id() + "\" is used by two tenants", "give every tenant its own id");
        }
        if (!issuers.add(t.fhirBaseUrl())) {
          fields.problem("fhirBaseUrl", "two tenants share " + t.fhirBaseUrl(),
              "a launch is matched to its tenant by this URL, so it must be unique");
        }
        tenants.add(t);
      });
    }
    return tenants;
  }

  private Optional<TenantConfig> tenant(JsonFields fields) {
    String id = fields.string("id", "write a short name such as \"main-ehr\"");
    if (!id.isEmpty() && !id.matches("[a-z0-9][a-z0-9-]{0,39}")) {
      fields.problem("id", "\"" + id + "\" is not a short name",
          "use lower-case letters, digits and dashes, at most 40 characters");
    }
    String displayName = fields.stringOr("displayName", id);
    Optional<URI> fhirBase = fields.url("fhirBaseUrl", true,
        "write the EHR's FHIR R4 base URL exactly as it sends it in the launch's iss parameter");
    String clientId = fields.string("clientId", "write the client id the EHR issued when the app was registered");
    TenantConfig.ClientAuth auth = clientAuth(fields.object("clientAuth").orElse(null), fields);
    Optional<String> scopes = fields.optionalString("scopes");
    List<String> origins = fields.strings("allowedEhrOrigins");
    for (int i = 0; i < origins.size(); i++) {
      int index = i;
      EhrOrigin.problem(origins.get(i)).ifPresent(problem ->
          fields.problem("allowedEhrOrigins[" + index + "]", problem.what(), problem.fix()));
    }
    List<String> supervisors = fields.strings("supervisors");
    for (int i = 0; i < supervisors.size(); i++) {
      String supervisor = supervisors.get(i);
      if (!supervisor.matches(TenantConfig.PRACTITIONER_REFERENCE)) {
        fields.problem("supervisors[" + i + "]", "\"" + supervisor + "\" is not a Practitioner reference",
            "write each supervisor as the EHR names them in fhirUser, e.g. \"Practitioner/12345\"");
      }
    }
    if (fhirBase.isEmpty() || id.isEmpty() || clientId.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new TenantConfig(id, displayName, fhirBase.get(), clientId, auth, scopes, origins,
        supervisors));
  }

  private TenantConfig.ClientAuth clientAuth(JsonFields fields, JsonFields tenant) {
    if (fields == null) {
      return TenantConfig.ClientAuth.publicClient();
    }
    String methodName = fields.stringOr("method", "none");
    Optional<TenantConfig.AuthMethod> method = TenantConfig.AuthMethod.parse(methodName);
    if (method.isEmpty()) {
      fields.problem("method", "\"" + methodName + "\" is not a client authentication method",
          "write none, client_secret_basic, client_secret_post or private_key_jwt");
      return TenantConfig.ClientAuth.publicClient();
    }
    Optional<String> secret = Optional.empty();
    Optional<String> algorithm = Optional.empty();
    switch (method.get()) {
      case CLIENT_SECRET_BASIC, CLIENT_SECRET_POST -> secret = Optional.of(
          secret(fields, "secret", fields.string("secret", SECRET_FIX)));
      case PRIVATE_KEY_JWT -> {
        String alg = fields.stringOr("algorithm", "RS384");
        if (!alg.equals("RS384") && !alg.equals("ES384")) {
          fields.problem("algorithm", "\"" + alg + "\" is not supported", "write RS384 or ES384 (SMART App Launch)");
        }
        algorithm = Optional.of(alg);
      }
      case NONE -> { }
    }
    return new TenantConfig.ClientAuth(method.get(), secret, algorithm);
  }

  private void checkKeysForPrivateKeyJwt(List<TenantConfig> tenants, Path keysFile, boolean keysToBeCreated,
      List<String> problems) {
    boolean needsKeys = !keysToBeCreated && tenants.stream()
        .anyMatch(t -> t.clientAuth().method() == TenantConfig.AuthMethod.PRIVATE_KEY_JWT);
    if (needsKeys && !Files.isRegularFile(keysFile)) {
      problems.add("keysFile: " + keysFile + " does not exist, but a tenant uses private_key_jwt — "
          + "create the signing keys with `java -jar target/kap-companion.jar keys new`");
    }
    if (Files.isRegularFile(keysFile)) {
      KeyFile.exposure(keysFile).ifPresent(what -> problems.add("keysFile: " + what + " — " + KeyFile.fix(keysFile)));
    }
  }

  /** Settings that are each valid but cannot work together. */
  private static void checkContradictions(JsonFields root, int port, StoreConfig store, List<TenantConfig> tenants,
      AppConfig.SandboxConfig sandbox) {
    boolean sandboxRuns = tenants.isEmpty() || sandbox.enabled();
    if (sandboxRuns && port != 0 && sandbox.port() == port) {
      root.problem("sandbox.port", "is " + port + ", the same as server.port, and the sandbox EHR runs (no tenants "
          + "or sandbox.enabled)", "give the sandbox EHR its own port, e.g. 8090");
    }
    String keyReference = root.object("store").flatMap(fields -> fields.optionalString("encryptionKey"))
        .orElse("generate");
    if (store.isPostgres() && keyReference.equals("generate")) {
      root.problem("store.encryptionKey", "is \"generate\" (a key kept by this node only), but the store is "
          + "PostgreSQL, which several nodes share", "give every node the same key: \"env:VARIABLE\" or "
          + "\"file:/path\" holding `openssl rand -base64 32`");
    }
  }

  private AppConfig.SandboxConfig sandbox(JsonFields fields) {
    String persona = fields.stringOr("persona", AppConfig.SandboxConfig.PERSONAS.get(0));
    if (!AppConfig.SandboxConfig.PERSONAS.contains(persona)) {
      fields.problem("persona", "is \"" + persona + "\", which the sandbox does not offer",
          "use one of " + String.join(", ", AppConfig.SandboxConfig.PERSONAS));
    }
    return new AppConfig.SandboxConfig(fields.bool("enabled", false), fields.integer("port", 8090, 0, 65535),
        fields.bool("reset", false), persona);
  }

  /** Resolves a secret reference; a literal secret in the file is refused. */
  private String secret(JsonFields fields, String name, String reference) {
    if (reference.startsWith("env:")) {
      String variable = reference.substring(4);
      String value = environment.get(variable);
      if (value == null || value.isBlank()) {
        fields.problem(name, "environment variable " + variable + " is not set", "set it before starting the app");
        return "";
      }
      return value;
    }
    if (reference.startsWith("file:")) {
      Path path = workingDir.resolve(reference.substring(5));
      try {
        return Files.readString(path).trim();
      } catch (IOException e) {
        fields.problem(name, "file " + path + " cannot be read", "create it, or fix the path after \"file:\"");
        return "";
      }
    }
    if (!reference.isEmpty()) {
      fields.problem(name, "a secret written into the configuration file is not accepted", SECRET_FIX);
    }
    return "";
  }

  private ClinicalProtocol protocol(String fileName, List<String> problems) {
    Path file = workingDir.resolve(fileName);
    if (!Files.isRegularFile(file)) {
      problems.add("protocolFile: " + file + " does not exist — point protocolFile at the clinic's protocol, "
          + "starting from config/clinical-protocol.json");
      return null;
    }
    try {
      return new ProtocolReader(problems, workingDir).read(parseObject(read(file), fileName).getAsJsonObject());
    } catch (ConfigException e) {
      problems.addAll(e.problems());
      return null;
    }
  }

  private static JsonFields emptyFields(String path, List<String> problems) {
    return new JsonFields(new com.google.gson.JsonObject(), path, problems);
  }

  static JsonElement parseObject(String json, String what) throws ConfigException {
    try {
      JsonReader reader = new JsonReader(new StringReader(json));
      reader.setStrictness(Strictness.LENIENT);
      JsonElement element = JsonParser.parseReader(reader);
      if (!element.isJsonObject()) {
        throw new ConfigException(List.of(what + ": must be a JSON object — start the file with { and end with }"));
      }
      return element;
    } catch (JsonParseException e) {
      throw new ConfigException(List.of(what + ": is not valid JSON (" + e.getMessage()
          + ") — fix the syntax at that line and column"));
    }
  }

  private static String read(Path file) throws ConfigException {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new ConfigException(List.of(file + ": cannot be read — check that it exists and is readable"));
    }
  }
}
