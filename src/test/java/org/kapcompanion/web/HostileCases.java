package org.kapcompanion.web;

import com.google.gson.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Generated hostile requests over the session's routes and fields: control, NUL and text-direction characters,
 * huge and non-finite numbers, numbers of the wrong JSON type, out-of-range and overflowing dates, oversized and
 * malformed bodies, wrong content types, repeated parameters, forged references and methods the routes do not take.
 */
final class HostileCases {

  /** One request: what is sent, and the statuses it may be answered with (empty: any below 500). */
  record Case(String name, String method, String path, String contentType, byte[] body, List<Integer> expected) {}

  /** Numbers no reading kind, dose or checklist item takes, as raw JSON tokens. */
  /**
   * Numbers as a script might send them (JSON fragments): the page sends what was typed as text, so a JSON number is
   * refused as well as text that is not a number in range.
   */
  static final List<String> BAD_NUMBERS = List.of("1e2", "1E2", "1e309", "-1e309", "4294967416", "4294967376",
      "120.9", "72.5", "-5", "99999", "NaN", "Infinity", "-Infinity", "120", "72", "[120]", "[\"72\"]", "{}",
      "null", "true", "\"\u0663\"", "\"\u0667\u0662\"", "\"0x78\"", "1.0e1", "99999999999999999999999999", "1e-7",
      "\"\"", "\"1e2\"", "\"1e309\"", "\"4294967416\"", "\"NaN\"", "\"-Infinity\"", "\"3.0000000000000001\"",
      "\"300.5\"", "\"2147483648\"", "\"-2147483649\"", "\"1e+2\"", "\"+72\"", "\"\uff17\uff12\"", "\"7,2\"",
      "\"12,5\"", "\"1,000\"", "\"72 \u202e\"");
  /** Of those, the ones that are a dose (mg, to 2 decimal places). */
  static final List<String> VALID_DOSES = List.of("\"300.5\"");
  /** Form values no whole-number item takes. */
  static final List<String> BAD_FORM_NUMBERS = List.of("1e2", "1e309", "4294967416", "120.9", "-5", "99999", "NaN",
      "Infinity", "\u0663", "\u0661\u0662\u0660", "0x78", "+120", "12 0", "\uff11\uff12\uff10", "-2147483649");
  /** Texts refused by the input rule or too long for any field. */
  static final List<String> BAD_TEXTS = List.of("calm\u0000sea", "a\u0001b", "bell\u0007", "esc\u001b[31m", "del\u007f",
      "nel\u0085", "csi\u009b", "5 mg\u202e", "\u202aembedded", "\u2066isolate\u2069", "non\ufffechar", "non\uffff",
      "lone\ud800", "lone\udc00x", "x".repeat(4_001), "y".repeat(11_000));
  /** Dates and times that are not real, or far outside any window, as sent by a page. */
  static final List<String> BAD_DATES = List.of("0000-01-01", "9999-12-31", "+10000-01-01", "+999999999-12-31",
      "-999999999-01-01", "2024-02-30", "2026-13-01", "NaN", "1700000000", "\u0662\u0660\u0662\u0666-01-01",
      "2026-1-1", "yesterday");
  static final List<String> BAD_DATE_TIMES = List.of("0000-01-01T00:00", "2099-12-31T23:59", "9999-12-31T23:59",
      "+999999999-12-31T23:59", "2024-02-30T10:00", "NaN", "2026-12-03 10:00", "10:00", "2026-12-03T25:00");

  private final Instant now = Instant.now();
  private final List<Case> cases = new ArrayList<>();

  private HostileCases() {}

  /** Every case, for the pre-dose checklist's and the preparation's question linkIds. */
  static List<Case> all(List<String> predoseFields, List<String> preparationFields) {
    HostileCases generated = new HostileCases();
    generated.entries();
    generated.forms(predoseFields, preparationFields);
    generated.plan();
    generated.transport();
    return generated.cases;
  }

  private void entries() {
    List<String> kinds = List.of("hr", "spo2", "rr", "moaas", "dissociation", "cadss", "suds", "nausea", "bp");
    for (String kind : kinds) {
      for (String number : BAD_NUMBERS) {
        json("reading " + kind + " value " + number, entry(kind, Map.of("value", number, "second", "\"60\"")), 400);
      }
    }
    for (String number : BAD_NUMBERS) {
      json("bp second " + number, entry("bp", Map.of("value", "\"120\"", "second", number)), 400);
      if (!VALID_DOSES.contains(number)) {
        json("dose mg " + number, dose(number, "\"A1\""), 400);
      }
    }
    for (String mg : List.of("\"0\"", "\"0.001\"", "\"1000.01\"", "\"12.345\"", "\"-0.5\"")) {
      json("dose mg " + mg, dose(mg, "\"A1\""), 400);
    }
    json("bp diastolic above systolic", entry("bp", Map.of("value", "\"80\"", "second", "\"120\"")), 400);
    for (String text : BAD_TEXTS) {
      json("note text", note(text, "[]"), 400);
      json("dose lot", dose("\"50\"", quoted(text)), 400);
      json("adverse event text", entry("adverse-event", Map.of("code", "\"422587007\"", "text", quoted(text))), 400);
      json("kind", "{\"id\":\"" + UUID.randomUUID() + "\",\"kind\":" + quoted(text) + "}", 400);
      json("tag", note("calm", "[" + quoted(text) + "]"), 400);
      json("id", "{\"id\":" + quoted(text) + ",\"kind\":\"note\",\"text\":\"calm\",\"effective\":\""
          + now + "\"}", 400);
    }
    json("dose lot of 41 characters", dose("\"50\"", quoted("L".repeat(41))), 400);
    for (String tags : List.of("[\"made-up\"]", "\"breathwork\"", "[1]", "[[\"breathwork\"]]", "{\"a\":1}")) {
      json("quick tags " + tags, note("calm", tags), 400);
    }
    List<String> times = new ArrayList<>(List.of("0000-01-01T00:00:00Z", "2099-01-01T00:00:00Z",
        "9999-12-31T23:59:59Z", "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "2024-02-30T10:00:00Z",
        "2026-13-01T00:00:00Z", "NaN", "", "T", "1700000000000"));
    times.add(now.minus(Duration.ofHours(30)).toString());
    times.add(now.plus(Duration.ofMinutes(20)).toString());
    for (String time : times) {
      for (String kind : List.of("hr", "note", "dose")) {
        String body = "dose".equals(kind) ? dose("\"50\"", "\"A1\"") : "note".equals(kind) ? note("calm", "[]")
            : entry(kind, Map.of("value", "\"72\""));
        json(kind + " at " + time, body.replace("\"effective\":\"" + now + "\"", "\"effective\":" + quoted(time)),
            400);
      }
      json("hr at number " + time, entry("hr", Map.of("value", "\"72\"")).replace("\"effective\":\"" + now + "\"",
          "\"effective\":1700000000"), 400);
    }
  }

  private void forms(List<String> predoseFields, List<String> preparationFields) {
    for (String field : predoseFields) {
      List<String> values = new ArrayList<>(BAD_TEXTS.subList(0, 8));
      values.addAll(field.startsWith("baseline-") || field.equals("phq9-total") ? BAD_FORM_NUMBERS
          : field.equals("prescriber-decided-at") ? BAD_DATE_TIMES : List.of("x".repeat(4_001)));
      for (String value : values) {
        form("predose/save " + field + " " + value, "predose/save", Map.of("entry", UUID.randomUUID().toString(),
            field, value), 400);
      }
      if (field.startsWith("baseline-")) {
        form("predose re-check " + field, "predose", Map.of(field, "\u0663"), List.of());
      }
    }
    for (String field : preparationFields) {
      for (String value : BAD_TEXTS) {
        form("preparation/save " + field, "preparation/save", Map.of("entry", UUID.randomUUID().toString(), field,
            value), 400);
      }
    }
    for (String entry : List.of("", "not-a-uuid", "1-1-1-1-1", "\u0000", "../../x")) {
      form("predose/save entry " + entry, "predose/save", Map.of("entry", entry, "fasting", "true"), 400);
      form("preparation/save entry " + entry, "preparation/save", Map.of("entry", entry), 400);
      form("discharge entry " + entry, "discharge", Map.of("entry", entry), List.of(400));
    }
    form("discharge without entry", "discharge", Map.of("sedation-resolved", "true"), List.of(400));
    for (String value : BAD_DATE_TIMES) {
      form("discharge ready-to-leave " + value, "discharge", Map.of("entry", UUID.randomUUID().toString(),
          "ready-to-leave-time", value), List.of(400, 422));
    }
    raw("predose/save repeated entry", "POST", "predose/save", "application/x-www-form-urlencoded",
        "entry=" + UUID.randomUUID() + "&entry=" + UUID.randomUUID() + "&baseline-systolic=120&baseline-systolic=-5",
        List.of(400));
  }

  private void plan() {
    for (String value : BAD_DATES) {
      for (String field : List.of("goal.0.target", "followup.0.date", "measure.PHQ9.date")) {
        Map<String, String> fields = new LinkedHashMap<>(Map.of("entry", UUID.randomUUID().toString(),
            "goal.0.text", "Sleep", "followup.0.label", "24h", "followup.0.keep", "on", "measure.PHQ9", "on"));
        fields.put(field, value);
        form("plan " + field + " " + value, "integration", fields, List.of(400, 422));
      }
    }
    for (String text : List.of("t".repeat(4_001), "calm\u0000sea", "\u202eevil")) {
      for (String field : List.of("themes", "support", "goal.0.text", "practice", "followup.0.label")) {
        form("plan " + field, "integration", Map.of("entry", UUID.randomUUID().toString(), field, text,
            "goal.0.target", "2027-01-01"), List.of(400, 422));
      }
    }
    for (String ref : List.of("CarePlan/other-patient", "Goal/1", "Patient/kap-pt-01", "../CarePlan/1",
        "http://evil.example/CarePlan/1")) {
      form("plan ref " + ref, "integration", Map.of("entry", UUID.randomUUID().toString(), "plan.ref", ref,
          "plan.entry", UUID.randomUUID().toString(), "themes", "Forged"), List.of(422));
      form("goal ref " + ref, "integration", Map.of("entry", UUID.randomUUID().toString(), "goal.0.text", "Sleep",
          "goal.0.target", "2027-01-01", "goal.0.ref", ref, "goal.0.entry", UUID.randomUUID().toString()),
          List.of(422));
    }
  }

  private void transport() {
    List<String> saves = List.of("session/entries", "predose/save", "preparation/save", "integration", "discharge",
        "session/start", "entries/retry", "entries/discard", "predose");
    for (String path : saves) {
      for (String method : List.of("PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND")) {
        raw(method + " " + path, method, path, null, "", List.of(405));
      }
      String json = path.equals("session/entries") ? "application/json" : "application/x-www-form-urlencoded";
      for (String type : List.of("text/plain", "application/xml", "multipart/form-data; boundary=x",
          "application/json; charset=utf-16", "application/x-www-form-urlencoded; charset=latin1", "",
          "text/html;charset=utf-8")) {
        if (!type.startsWith(json)) {
          raw("content type " + type + " to " + path, "POST", path, type, "<a>1</a>", List.of());
        }
      }
      raw("malformed escape to " + path, "POST", path, json, "a=%ZZ&b=%FF%FE", List.of());
      raw("oversized to " + path, "POST", path, json, "a=" + "x".repeat(1_100_000), List.of(400, 413));
      raw("many keys to " + path, "POST", path, json, "k=1&".repeat(1_100), List.of());
      raw("json array to " + path, "POST", path, json, "[1,2,3]", List.of());
      raw("truncated json to " + path, "POST", path, json, "{\"kind\":\"note\",\"text\":", List.of());
      raw("deep json to " + path, "POST", path, json, "[".repeat(50) + "]".repeat(50), List.of());
      raw("empty body to " + path, "POST", path, json, "", List.of());
    }
    raw("entries xml", "POST", "session/entries", "application/xml", "<entry/>", List.of(415));
    raw("integration json", "POST", "integration", "application/json", "{\"themes\":\"x\"}", List.of(415));
    raw("integration empty", "POST", "integration", "application/x-www-form-urlencoded", "", List.of(400));
    for (String query : List.of("part=%00", "part=live&part=live", "to=%2B999999999-12-31", "saved=%E2%80%AE",
        "page=%D9%A3", "a=%FF", "from=0000-01-01&to=9999-12-31")) {
      for (String page : List.of("", "session", "notes", "predose", "integration", "discharge", "preparation",
          "entries/status")) {
        raw("GET " + page + "?" + query, "GET", page + "?" + query, null, "", List.of());
      }
    }
  }

  private String entry(String kind, Map<String, String> members) {
    StringBuilder body = new StringBuilder("{\"id\":\"" + UUID.randomUUID() + "\",\"kind\":\"" + kind
        + "\",\"effective\":\"" + now + "\"");
    members.forEach((name, value) -> body.append(",\"").append(name).append("\":").append(value));
    return body.append('}').toString();
  }

  private String dose(String mg, String lot) {
    return entry("dose", Map.of("drug", "\"6130\"", "route", "\"78421000\"", "mg", mg, "lot", lot));
  }

  private String note(String text, String tags) {
    return entry("note", Map.of("text", quoted(text), "tags", tags));
  }

  /** {@code text} as a JSON string; a lone surrogate goes as its {@code \\u} escape, which UTF-8 cannot carry. */
  private static String quoted(String text) {
    JsonObject holder = new JsonObject();
    holder.addProperty("v", text);
    String json = holder.toString();
    StringBuilder escaped = new StringBuilder();
    for (char c : json.substring(json.indexOf(':') + 1, json.length() - 1).toCharArray()) {
      escaped.append(Character.isSurrogate(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return escaped.toString();
  }

  private void json(String name, String body, int expected) {
    cases.add(new Case(name, "POST", "session/entries", "application/json", body.getBytes(StandardCharsets.UTF_8),
        List.of(expected)));
  }

  private void form(String name, String path, Map<String, String> fields, int expected) {
    form(name, path, fields, List.of(expected));
  }

  private void form(String name, String path, Map<String, String> fields, List<Integer> expected) {
    StringBuilder body = new StringBuilder();
    fields.forEach((field, value) -> body.append(body.length() == 0 ? "" : "&").append(encode(field)).append('=')
        .append(encode(value)));
    raw(name, "POST", path, "application/x-www-form-urlencoded", body.toString(), expected);
  }

  private void raw(String name, String method, String path, String contentType, String body, List<Integer> expected) {
    cases.add(new Case(name, method, path, contentType, body.getBytes(StandardCharsets.UTF_8), expected));
  }

  /** Percent-encodes as a browser does; a lone surrogate goes as its (invalid) UTF-8 bytes. */
  private static String encode(String value) {
    StringBuilder encoded = new StringBuilder();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean lone = Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1)));
      if (lone) {
        encoded.append(c < 0xDC00 ? "%ED%A0%80" : "%ED%B0%80");
      } else if (Character.isHighSurrogate(c)) {
        encoded.append(URLEncoder.encode(value.substring(i, i + 2), StandardCharsets.UTF_8));
        i++;
      } else {
        encoded.append(URLEncoder.encode(String.valueOf(c), StandardCharsets.UTF_8));
      }
    }
    return encoded.toString();
  }
}
