package org.kapcompanion.web;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One submitted value parsed exactly once as its type and range, or refused with an {@link InvalidValue} naming its
 * field: numbers as typed, in plain ASCII digits (no exponent, sign of a kind the range allows, no NaN or Infinity,
 * no digits of other scripts, no comma: a decimal comma is refused, never read as a separator; never rounded or
 * truncated), dates and times in their ISO form within a window. Every form and JSON handler reads its numbers,
 * dates and bounded texts through it.
 */
public final class StrictValue<T> {

  private static final Pattern NUMBER = Pattern.compile("-?[0-9]{1,15}(\\.[0-9]{1,15})?");
  private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
  private static final Pattern LOCAL_DATE_TIME =
      Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,9})?)?");
  private static final Pattern INSTANT = Pattern.compile(
      "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,9})?)?(Z|[+-][0-9]{2}:[0-9]{2})");

  private final T value;
  private final InvalidValue invalid;

  private StrictValue(T value, InvalidValue invalid) {
    this.value = value;
    this.invalid = invalid;
  }

  /** An accepted value. */
  public static <T> StrictValue<T> valid(T value) {
    return new StrictValue<>(value, null);
  }

  /** A refused value of {@code field}, with a message naming it. */
  public static <T> StrictValue<T> invalid(String field, String message) {
    return new StrictValue<>(null, new InvalidValue(field, message));
  }

  /** The accepted value converted by {@code convert}, or the same refusal. */
  public <R> StrictValue<R> map(Function<T, R> convert) {
    return invalid == null ? valid(convert.apply(value)) : new StrictValue<>(null, invalid);
  }

  /** The value, when it was accepted. */
  public Optional<T> value() {
    return Optional.ofNullable(value);
  }

  /** Why it was refused, when it was. */
  public Optional<InvalidValue> invalid() {
    return Optional.ofNullable(invalid);
  }

  /** The value, or the refusal thrown for the request boundary (400 naming the field). */
  public T orRefuse() {
    if (invalid != null) {
      throw invalid.refused();
    }
    return value;
  }

  /** This value, refused as {@code field} with {@code message} when {@code test} does not hold. */
  public StrictValue<T> require(String field, Predicate<T> test, String message) {
    return invalid != null || test.test(value) ? this : invalid(field, message);
  }

  /** The range of a number: lowest, highest and how many decimal places it may have (0: a whole number). */
  public record Range(BigDecimal min, BigDecimal max, int decimals) {

    /** Whole numbers from {@code min} to {@code max}. */
    public static Range whole(long min, long max) {
      return new Range(BigDecimal.valueOf(min), BigDecimal.valueOf(max), 0);
    }

    String words(String label) {
      return label + " must be " + (decimals == 0 ? "a whole number" : "a number with at most " + decimals
          + " decimal place" + (decimals == 1 ? "" : "s")) + " from " + min.toPlainString() + " to "
          + max.toPlainString() + ", in digits 0-9.";
    }
  }

  /**
   * A number typed into a form field ({@code text}, blank counts as missing), e.g. {@code 120} or {@code 12.5}.
   *
   * @param label how the page names the field, for the message
   */
  public static StrictValue<BigDecimal> number(String field, String label, String text, Range range) {
    if (text == null || text.isBlank()) {
      return invalid(field, label + " is missing: " + lowerFirst(range.words("it")));
    }
    return inRange(field, label, text.strip(), range);
  }

  /**
   * A number as typed into a page's text field and sent by its script as a JSON string, read as {@link #number(String,
   * String, String, Range)} reads a form field; a JSON number, list or object is refused (a page that sends numbers
   * as numbers is out of date: a number field drops a decimal comma, so 12,5 arrived as 125).
   */
  public static StrictValue<BigDecimal> typedNumber(String field, String label, JsonElement element, Range range) {
    if (element != null && !element.isJsonNull()
        && (!element.isJsonPrimitive() || !((JsonPrimitive) element).isString())) {
      return invalid(field, label + " must be sent as typed, as text: reload the page.");
    }
    return number(field, label, element == null || element.isJsonNull() ? null : element.getAsString(), range);
  }

  private static StrictValue<BigDecimal> inRange(String field, String label, String text, Range range) {
    if (text.indexOf(',') >= 0) {
      return invalid(field, label + " holds a comma, which is not read: use a point for decimals, e.g. 12.5, and no "
          + "thousands separator.");
    }
    if (!NUMBER.matcher(text).matches()) {
      return invalid(field, range.words(label));
    }
    BigDecimal number = new BigDecimal(text);
    if (number.compareTo(range.min()) < 0 || number.compareTo(range.max()) > 0
        || number.stripTrailingZeros().scale() > range.decimals()) {
      return invalid(field, range.words(label));
    }
    return valid(range.decimals() == 0 ? number.setScale(0) : number);
  }

  /** A date as the date picker sends it ({@code YYYY-MM-DD}), a real calendar day from {@code from} to {@code to}. */
  public static StrictValue<LocalDate> date(String field, String label, String text, LocalDate from, LocalDate to) {
    return parsed(field, label, text, DATE, LocalDate::parse).require(field,
        d -> !d.isBefore(from) && !d.isAfter(to), label + " must be a date from " + from + " to " + to + ".");
  }

  /** A local date and time as the picker sends it ({@code YYYY-MM-DDTHH:MM}), in {@code zone}, within the window. */
  public static StrictValue<Instant> dateTime(String field, String label, String text, ZoneId zone, Instant from,
      Instant to) {
    return parsed(field, label, text, LOCAL_DATE_TIME, t -> LocalDateTime.parse(t).atZone(zone).toInstant())
        .require(field, t -> !t.isBefore(from) && !t.isAfter(to), window(label, from, to, zone));
  }

  /** A point in time as a page's script sends it (ISO 8601 with {@code Z} or an offset), within the window. */
  public static StrictValue<Instant> instant(String field, String label, JsonElement element, ZoneId zone,
      Instant from, Instant to) {
    if (element == null || !element.isJsonPrimitive() || !((JsonPrimitive) element).isString()) {
      return invalid(field, label + " must be sent as a date and time: reload the page.");
    }
    return parsed(field, label, element.getAsString(), INSTANT, t -> OffsetDateTime.parse(t).toInstant())
        .require(field, t -> !t.isBefore(from) && !t.isAfter(to), window(label, from, to, zone));
  }

  /**
   * A moment as a page's script sends it: the clinic's wall-clock time as typed ({@code YYYY-MM-DDTHH:MM}, read in
   * {@code zone}) or an instant (ISO 8601 with {@code Z} or an offset), within the window.
   */
  public static StrictValue<Instant> moment(String field, String label, JsonElement element, ZoneId zone,
      Instant from, Instant to) {
    if (element != null && element.isJsonPrimitive() && ((JsonPrimitive) element).isString()
        && LOCAL_DATE_TIME.matcher(element.getAsString().strip()).matches()) {
      return dateTime(field, label, element.getAsString(), zone, from, to);
    }
    return instant(field, label, element, zone, from, to);
  }

  /** Text of at most {@code longest} characters, stripped; blank is missing when {@code required}. */
  public static StrictValue<String> text(String field, String label, String text, int longest, boolean required) {
    String stripped = text == null ? "" : text.strip();
    if (required && stripped.isEmpty()) {
      return invalid(field, label + " is missing: enter it.");
    }
    if (stripped.length() > longest) {
      return invalid(field, label + " must be at most " + String.format(Locale.ROOT, "%,d", longest)
          + " characters (it has " + String.format(Locale.ROOT, "%,d", stripped.length()) + ").");
    }
    return valid(stripped);
  }

  private static <T> StrictValue<T> parsed(String field, String label, String text, Pattern form,
      Function<String, T> parse) {
    String words = label + " must be a real date" + (form == DATE ? " (YYYY-MM-DD)" : " and time") + ".";
    if (text == null || text.isBlank()) {
      return invalid(field, label + " is missing.");
    }
    if (!form.matcher(text.strip()).matches()) {
      return invalid(field, words);
    }
    try {
      return valid(parse.apply(text.strip()));
    } catch (DateTimeException | ArithmeticException e) {
      return invalid(field, words);
    }
  }

  private static String window(String label, Instant from, Instant to, ZoneId zone) {
    return label + " must be from " + ClinicTime.dayAndClock(from, zone) + " to " + ClinicTime.dayAndClock(to, zone)
        + ".";
  }

  private static String lowerFirst(String words) {
    return words.isEmpty() ? words : Character.toLowerCase(words.charAt(0)) + words.substring(1);
  }
}
