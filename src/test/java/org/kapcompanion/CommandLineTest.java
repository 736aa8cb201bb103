package org.kapcompanion;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandLineTest {

  @Test
  void noArgumentsServe() {
    CommandLine command = CommandLine.parse(new String[0]);
    assertThat(command.name()).isEqualTo("serve");
    assertThat(command.argument()).isEmpty();
  }

  @Test
  void checkTakesAnOptionalTenantAnywhereAroundTheOptions() {
    CommandLine command = CommandLine.parse(new String[] {"--config", "x.json", "check", "epic-prod"});
    assertThat(command).isEqualTo(new CommandLine("check", Optional.of("epic-prod"), Path.of("x.json"), false));
    assertThat(CommandLine.parse(new String[] {"check"}).argument()).isEmpty();
  }

  @Test
  void keysNewAndResetSandbox() {
    assertThat(CommandLine.parse(new String[] {"keys", "new"}).name()).isEqualTo("keys");
    assertThat(CommandLine.parse(new String[] {"--reset-sandbox"}).resetSandbox()).isTrue();
  }
}
