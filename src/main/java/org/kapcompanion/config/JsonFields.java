package org.kapcompanion.config;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Reads typed values out of a parsed configuration object, collecting one problem per bad key instead of failing
 * at the first, so an admin sees everything to fix at once.
 */
final class JsonFields {

  private final JsonObject object;
  private final String path;
  private final List<String> problems;

  JsonFields(JsonObject object, String path, List<String> problems) {
    this.object = object;
    this.path = path;
    this.problems = problems;
  }

  String key(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  void problem(String name, String what, String fix) {
    problems.add(key(name) + ": " + what + " — " + fix);
  }

  /** The keys written in this object. */
  java.util.Set<String> names() {
    return object.keySet();
  }

  boolean has(String name) {
    JsonElement value = object.get(name);
    return value != null && !value.isJsonNull();
  }

  Optional<String> optionalString(String name) {
    return typed(name, JsonFields::isString, "must be a string", "write it in double quotes")
        .map(value -> value.getAsString().trim()).filter(text -> !text.isEmpty());
  }

  String string(String name, String fix) {
    Optional<String> value = optionalString(name);
    if (value.isEmpty() && !has(name)) {
      problem(name, "is missing", fix);
    } else if (value.isEmpty() && object.get(name).isJsonPrimitive()) {
      problem(name, "is empty", fix);
    }
    return value.orElse("");
  }

  String stringOr(String name, String defaultValue) {
    return optionalString(name).orElse(defaultValue);
  }

  int integer(String name, int defaultValue, int min, int max) {
    Optional<JsonElement> value = typed(name, JsonFields::isNumber, "must be a whole number",
        "write a number between " + min + " and " + max);
    if (value.isEmpty()) {
      return defaultValue;
    }
    double number = value.get().getAsDouble();
    if (number != Math.rint(number) || number < min || number > max) {
      problem(name, "is " + value.get().getAsString() + ", outside " + min + "–" + max,
          "write a whole number between " + min + " and " + max);
      return defaultValue;
    }
    return (int) number;
  }

  boolean bool(String name, boolean defaultValue) {
    return typed(name, value -> value.isJsonPrimitive() && value.getAsJsonPrimitive().isBoolean(),
        "must be true or false", "write true or false without quotes").map(JsonElement::getAsBoolean)
        .orElse(defaultValue);
  }

  Optional<URI> url(String name, boolean required, String fix) {
    Optional<String> text = required ? Optional.of(string(name, fix)).filter(s -> !s.isEmpty()) : optionalString(name);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(text.get());
      if (uri.getScheme() == null || uri.getHost() == null
          || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))) {
        problem(name, "\"" + text.get() + "\" is not an absolute http(s) URL", fix);
        return Optional.empty();
      }
      return Optional.of(uri);
    } catch (URISyntaxException e) {
      problem(name, "\"" + text.get() + "\" is not a valid URL", fix);
      return Optional.empty();
    }
  }

  List<String> strings(String name) {
    return list(name, (element, index) -> {
      if (isString(element)) {
        return element.getAsString();
      }
      problems.add(key(name) + "[" + index + "]: must be a string — write it in double quotes");
      return null;
    });
  }

  /** A list of whole numbers, each between {@code min} and {@code max}; {@code defaultValue} when the key is absent. */
  List<Integer> integers(String name, List<Integer> defaultValue, int min, int max) {
    if (!has(name)) {
      return defaultValue;
    }
    return list(name, (element, index) -> {
      if (isNumber(element) && element.getAsDouble() == Math.rint(element.getAsDouble())
          && element.getAsDouble() >= min && element.getAsDouble() <= max) {
        return element.getAsInt();
      }
      problems.add(key(name) + "[" + index + "]: is not a whole number between " + min + " and " + max
          + " — write a number in that range");
      return null;
    });
  }

  /** The fields of {@code name}, or an empty object (so every key takes its default) when it is absent. */
  JsonFields objectOrEmpty(String name) {
    return object(name).orElseGet(() -> new JsonFields(new JsonObject(), key(name), problems));
  }

  Optional<JsonFields> object(String name) {
    return typed(name, JsonElement::isJsonObject, "must be an object", "write it as { ... }")
        .map(value -> new JsonFields(value.getAsJsonObject(), key(name), problems));
  }

  List<JsonFields> objects(String name) {
    return list(name, (element, index) -> {
      if (element.isJsonObject()) {
        return new JsonFields(element.getAsJsonObject(), key(name) + "[" + index + "]", problems);
      }
      problems.add(key(name) + "[" + index + "]: must be an object — write it as { ... }");
      return null;
    });
  }

  private <T> List<T> list(String name, IndexedReader<T> reader) {
    Optional<JsonElement> value = typed(name, JsonElement::isJsonArray, "must be a list", "write it as [ ... ]");
    if (value.isEmpty()) {
      return List.of();
    }
    JsonArray array = value.get().getAsJsonArray();
    List<T> result = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      T item = reader.read(array.get(i), i);
      if (item != null) {
        result.add(item);
      }
    }
    return result;
  }

  /**
   * The value of {@code name} when it is written and {@code isType} accepts it; empty when it is absent, and when it
   * is of another type, which is a problem ({@code what}, {@code fix}).
   */
  private Optional<JsonElement> typed(String name, Predicate<JsonElement> isType, String what, String fix) {
    if (!has(name)) {
      return Optional.empty();
    }
    JsonElement value = object.get(name);
    if (!isType.test(value)) {
      problem(name, what, fix);
      return Optional.empty();
    }
    return Optional.of(value);
  }

  private static boolean isString(JsonElement value) {
    return value.isJsonPrimitive() && value.getAsJsonPrimitive().isString();
  }

  private static boolean isNumber(JsonElement value) {
    return value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber();
  }

  private interface IndexedReader<T> {
    T read(JsonElement element, int index);
  }
}
