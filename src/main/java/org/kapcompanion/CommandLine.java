package org.kapcompanion;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The command line: {@code [serve | check [tenant] | keys new] [--config PATH] [--reset-sandbox]}.
 *
 * @param argument the word after the command: the tenant of {@code check}, {@code new} of {@code keys}
 */
record CommandLine(String name, Optional<String> argument, Path configFile, boolean resetSandbox) {

  static CommandLine parse(String[] args) {
    List<String> words = new ArrayList<>();
    Path config = Path.of(Optional.ofNullable(System.getenv("KAP_CONFIG")).orElse("config/kap-companion.json"));
    boolean reset = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--config" -> config = Path.of(args[++i]);
        case "--reset-sandbox" -> reset = true;
        default -> words.add(args[i]);
      }
    }
    return new CommandLine(words.isEmpty() ? "serve" : words.get(0),
        words.size() > 1 ? Optional.of(words.get(1)) : Optional.empty(), config, reset);
  }
}
