package org.kapcompanion.web;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * Reads the JSON object a page's script sends: UTF-8, at most {@link #LARGEST} bytes, and every member name and
 * string value keeping to {@link InputRule} (TAB, LF and CR only in the members named as free text). The one place
 * the app parses a JSON request body.
 */
public final class JsonBody {

  /** The largest JSON body, in bytes. */
  static final int LARGEST = 128_000;
  /** The deepest nesting of objects and arrays; the pages send two levels. */
  private static final int DEEPEST = 8;

  private JsonBody() {}

  /**
   * The body as a JSON object, or a refusal (400, 408, 413, 415) the request boundary answers.
   *
   * @param multiLine the members, at any depth, whose strings are free text
   */
  public static JsonObject read(HttpServletRequest request, Set<String> multiLine) throws IOException {
    BodyType.JSON.require(request);
    JsonElement body = parse(text(request));
    if (!body.isJsonObject()) {
      throw RefusedRequest.malformed("What was sent is not a JSON object. Reload the page and send it again.");
    }
    check(body, "", multiLine, 0);
    return body.getAsJsonObject();
  }

  /**
   * {@code text} as one JSON value by RFC 8259, with nothing after it: no comments, unquoted or single-quoted names,
   * {@code NaN} or second document, which a lenient parser would accept.
   */
  static JsonElement parse(String text) {
    JsonReader reader = new JsonReader(new StringReader(text));
    reader.setStrictness(Strictness.STRICT);
    try {
      JsonElement element = JsonParser.parseReader(reader);
      if (reader.peek() != JsonToken.END_DOCUMENT) {
        throw new JsonParseException("more than one JSON value");
      }
      return element;
    } catch (JsonParseException | IOException e) {
      throw RefusedRequest.malformed("What was sent is not valid JSON. Reload the page and send it again.");
    }
  }

  private static String text(HttpServletRequest request) throws IOException {
    byte[] bytes;
    try (InputStream in = request.getInputStream()) {
      bytes = in.readNBytes(LARGEST + 1);
    } catch (IOException e) {
      RefusedRequest refusal = RefusedRequest.unreadableBody(e);
      if (refusal.status() == 408) {
        throw refusal;
      }
      throw e;
    }
    if (bytes.length > LARGEST) {
      throw RefusedRequest.tooLarge("What was sent is larger than KAP Companion accepts (" + LARGEST / 1000
          + " kB at most). Send less at once.");
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw RefusedRequest.unreadableBody(e);
    }
  }

  private static void check(JsonElement element, String name, Set<String> multiLine, int depth) {
    if (depth > DEEPEST && (element.isJsonObject() || element.isJsonArray())) {
      throw RefusedRequest.malformed("What was sent is nested deeper than KAP Companion accepts.");
    }
    if (element.isJsonObject()) {
      for (Map.Entry<String, JsonElement> member : element.getAsJsonObject().entrySet()) {
        InputRule.breach(member.getKey(), false, InputRule.LONGEST_NAME).ifPresent(breach -> {
          throw RefusedRequest.malformed("A field name " + breach + ".");
        });
        check(member.getValue(), member.getKey(), multiLine, depth + 1);
      }
    } else if (element.isJsonArray()) {
      element.getAsJsonArray().forEach(item -> check(item, name, multiLine, depth + 1));
    } else if (element.isJsonPrimitive() && element.getAsJsonPrimitive().isString()) {
      InputRule.breach(element.getAsString(), multiLine.contains(name), InputRule.LONGEST_VALUE)
          .ifPresent(breach -> {
            throw RefusedRequest.field(name, breach);
          });
    }
  }
}
