package dev.accesslink.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Waiting for the database")
class DatabaseWaitTest {

  static AppConfig config() {
    return AppConfig.builder().dataDir(Path.of("target")).settings(Map.of()).build();
  }

  @Test
  @DisplayName("is bounded: a connection within 2 s, and socket and statement timeouts on PostgreSQL and MariaDB")
  void bounded() {
    HikariConfig pg = CompositionRoot.pool("jdbc:postgresql://127.0.0.1:5432/test", config());
    assertThat(pg.getConnectionTimeout()).isEqualTo(Duration.ofSeconds(2).toMillis());
    assertThat(pg.getDataSourceProperties()).containsEntry("socketTimeout", "10")
        .containsEntry("options", "-c statement_timeout=5000");
    HikariConfig maria = CompositionRoot.pool("jdbc:mariadb://127.0.0.1:3306/test", config());
    assertThat(maria.getDataSourceProperties()).containsEntry("socketTimeout", "10000");
  }

  @Test
  @DisplayName("a database that accepts connections and never answers fails the request instead of holding it")
  void frozenDatabaseFails() throws Exception {
    try (ServerSocket blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      HikariConfig c = CompositionRoot.pool("jdbc:postgresql://127.0.0.1:" + blackHole.getLocalPort() + "/test", config());
      c.setInitializationFailTimeout(-1); // start without a connection, as after the database froze
      try (HikariDataSource pool = new HikariDataSource(c)) {
        assertThatThrownBy(pool::getConnection).isInstanceOf(SQLException.class);
      }
    }
  }
}
