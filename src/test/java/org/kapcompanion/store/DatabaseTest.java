package org.kapcompanion.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class DatabaseTest {

  @Test
  void anH2StoreKeepsEnoughParsedStatementsForAPagesQueries() throws SQLException {
    try (Database database = TestStores.inMemory();
        Connection connection = database.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet setting = statement.executeQuery(
            "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'QUERY_CACHE_SIZE'")) {
      assertThat(setting.next()).isTrue();
      assertThat(setting.getString(1)).isEqualTo("64");
    }
  }

  @Test
  void appSettingsKeepWhatTheUrlAlreadySaysAndLeavePostgresAlone() {
    assertThat(Database.withAppSettings("jdbc:h2:file:/data/app;QUERY_CACHE_SIZE=16"))
        .isEqualTo("jdbc:h2:file:/data/app;QUERY_CACHE_SIZE=16;DB_CLOSE_ON_EXIT=FALSE");
    assertThat(Database.withAppSettings("jdbc:h2:mem:x;db_close_on_exit=true"))
        .isEqualTo("jdbc:h2:mem:x;db_close_on_exit=true;QUERY_CACHE_SIZE=64");
    assertThat(Database.withAppSettings("jdbc:postgresql://127.0.0.1:5432/kap"))
        .isEqualTo("jdbc:postgresql://127.0.0.1:5432/kap");
  }
}
