package org.kapcompanion.testing;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A minimal scripted browser over real HTTP: a cookie jar per host (sent regardless of {@code Secure}, as browsers
 * do on localhost), and redirects followed one hop at a time so tests can stop at any step of a launch.
 */
public final class HttpBrowser {

  private final HttpClient http;
  private final Map<String, Map<String, String>> cookies = new HashMap<>();

  public HttpBrowser() {
    this(newClient());
  }

  /** A browser with its own cookies on a shared client, which must not follow redirects (see {@link #newClient}). */
  public HttpBrowser(HttpClient http) {
    this.http = http;
  }

  /** A client for browsers: redirects are followed by the browser, one hop at a time. */
  public static HttpClient newClient() {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** One response: status, final URL, headers and body. */
  public record Page(int status, URI url, Map<String, List<String>> headers, String body) {

    public Optional<String> header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
          .flatMap(e -> e.getValue().stream()).findFirst();
    }

    public Optional<URI> location() {
      return header("Location").map(url::resolve);
    }

    /** The value of the first {@code <input name=…>} with that name. */
    public String inputValue(String name) {
      Matcher matcher = Pattern.compile("<input[^>]*name=\"" + Pattern.quote(name) + "\"[^>]*value=\"([^\"]*)\"")
          .matcher(body);
      if (!matcher.find()) {
        throw new AssertionError("no input " + name + " on " + url);
      }
      return matcher.group(1).replace("&amp;", "&");
    }
  }

  public Page get(URI url) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(url).GET(), url);
  }

  public Page post(URI url, Map<String, String> form) throws IOException, InterruptedException {
    String body = form.entrySet().stream()
        .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
    return send(HttpRequest.newBuilder(url).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)), url);
  }

  /** Follows redirects from {@code page} until a non-redirect answer, returning every page on the way. */
  public List<Page> follow(Page page) throws IOException, InterruptedException {
    List<Page> pages = new ArrayList<>(List.of(page));
    Page current = page;
    for (int hops = 0; current.status() / 100 == 3 && hops < 10; hops++) {
      current = get(current.location().orElseThrow());
      pages.add(current);
    }
    return pages;
  }

  public Page last(List<Page> pages) {
    return pages.get(pages.size() - 1);
  }

  /** The value of a cookie this browser holds for {@code url}'s host and port. */
  public Optional<String> cookie(URI url, String name) {
    return Optional.ofNullable(cookies.getOrDefault(url.getHost() + ":" + url.getPort(), Map.of()).get(name));
  }

  private Page send(HttpRequest.Builder builder, URI url) throws IOException, InterruptedException {
    Map<String, String> jar = cookies.computeIfAbsent(url.getHost() + ":" + url.getPort(), k -> new LinkedHashMap<>());
    if (!jar.isEmpty()) {
      builder.header("Cookie", jar.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
          .collect(Collectors.joining("; ")));
    }
    HttpResponse<String> response = http.send(builder.timeout(Duration.ofSeconds(60)).build(),
        HttpResponse.BodyHandlers.ofString());
    for (String setCookie : response.headers().allValues("Set-Cookie")) {
      String pair = setCookie.split(";", 2)[0];
      int equals = pair.indexOf('=');
      jar.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
    }
    return new Page(response.statusCode(), url, response.headers().map(), response.body());
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
