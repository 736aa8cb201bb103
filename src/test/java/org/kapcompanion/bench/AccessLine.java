package org.kapcompanion.bench;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of the app's access log (text format): the request's route, status, time, the time it waited in the server
 * before the app saw it, CPU time, and what it spent on the EHR — calls, sequential rounds and the time it waited on
 * them.
 */
record AccessLine(String requestId, String method, String route, int status, double millis, double queuedMillis,
    double cpuMillis, int ehrCalls, int ehrRounds, double ehrMillis) {

  private static final Pattern LINE = Pattern.compile("\\[([0-9a-f]{16})] access - (\\S+) (\\S+) (\\d{3}) ([\\d.]+) ms"
      + ", queued ([\\d.]+) ms, CPU ([\\d.]+) ms(?:, EHR (\\d+) calls in (\\d+) rounds ([\\d.]+) ms)?");

  static Optional<AccessLine> parse(String line) {
    Matcher m = LINE.matcher(line);
    if (!m.find()) {
      return Optional.empty();
    }
    boolean ehr = m.group(8) != null;
    return Optional.of(new AccessLine(m.group(1), m.group(2), m.group(3), Integer.parseInt(m.group(4)),
        Double.parseDouble(m.group(5)), Double.parseDouble(m.group(6)), Double.parseDouble(m.group(7)),
        ehr ? Integer.parseInt(m.group(8)) : 0, ehr ? Integer.parseInt(m.group(9)) : 0,
        ehr ? Double.parseDouble(m.group(10)) : 0));
  }

  /** The time the app spent on its own: the request's time minus the time it waited on the EHR. */
  double ownMillis() {
    return millis - ehrMillis;
  }
}
