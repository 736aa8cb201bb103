package org.kapcompanion.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sandbox's connection pool, closed while background work still holds one of its connections. */
class SandboxDataSourceTest {

  @TempDir Path dataDir;

  @Test
  void closingWithAConnectionStillInUseClosesTheDatabaseSoALateCommitFailsAndAResetStartsEmpty() throws Exception {
    HikariDataSource pool = (HikariDataSource) new JpaServerConfig()
        .dataSource(new FhirServerSettings(dataDir, URI.create("http://127.0.0.1/fhir"), List.of()));
    try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE PROBE(ID VARCHAR(20))");
      statement.execute("INSERT INTO PROBE VALUES ('first')");
    }
    Connection inUse = pool.getConnection();
    inUse.setAutoCommit(false);
    inUse.createStatement().execute("INSERT INTO PROBE VALUES ('late')");

    pool.close();

    assertThatThrownBy(inUse::commit).isInstanceOf(SQLException.class);
    deleteContents(dataDir);
    try (Connection reopened = DriverManager.getConnection(pool.getJdbcUrl(), "sa", "");
        ResultSet tables = reopened.getMetaData().getTables(null, null, "PROBE", null)) {
      assertThat(tables.next()).as("the old database's table, seen through a database left open").isFalse();
    }
  }

  private static void deleteContents(Path dir) throws Exception {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(dir)).toList()) {
        Files.delete(file);
      }
    }
  }
}
