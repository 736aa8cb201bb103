package org.kapcompanion.config;

import java.util.List;

/** A configuration the app refuses to start with; each problem names the key, what is wrong and how to fix it. */
public final class ConfigException extends Exception {

  private final List<String> problems;

  public ConfigException(List<String> problems) {
    super(String.join(System.lineSeparator(), problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
