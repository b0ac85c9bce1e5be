package dev.accesslink.spring.boot;

import dev.accesslink.core.application.AccessLinks;
import dev.accesslink.core.domain.DeliveryChannel;
import dev.accesslink.core.domain.Door;
import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.Group;
import dev.accesslink.core.domain.GroupId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.AdminId;
import dev.accesslink.core.memory.InMemoryAccessLinkPersistence;
import dev.accesslink.core.memory.RecordingDoorController;
import dev.accesslink.core.memory.RecordingLinkNotifier;
import dev.accesslink.core.port.in.SaveOrganizationCommand;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans the auto-configuration tests give the context, as an application would. */
final class TestBeans {
  static final OrganizationId ACME = OrganizationId.of("acme");
  static final AdminId ADMIN = AdminId.of("boss");
  static final GroupId VISITORS = GroupId.of("visitors");
  static final DoorId FRONT = DoorId.of("front");

  private TestBeans() {}

  /** A door controller that opens every door. */
  @Configuration(proxyBeanMethods = false)
  static class Doors {
    @Bean
    RecordingDoorController doors() {
      return new RecordingDoorController();
    }
  }

  /** An H2 database of its own. */
  @Configuration(proxyBeanMethods = false)
  static class H2 {
    @Bean
    DataSource dataSource() {
      JdbcDataSource ds = new JdbcDataSource();
      ds.setURL("jdbc:h2:mem:sb" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1");
      ds.setUser("sa");
      return ds;
    }
  }

  /** In-memory persistence with Acme's visitors group (front door). */
  @Configuration(proxyBeanMethods = false)
  static class InMemory {
    @Bean
    InMemoryAccessLinkPersistence persistence() {
      InMemoryAccessLinkPersistence persistence = new InMemoryAccessLinkPersistence();
      persistence.groups().put(new Group(ACME, VISITORS, "Visitors", List.of(new Door(FRONT, "Front door"))));
      return persistence;
    }
  }

  /** An EMAIL notifier that records instead of sending. */
  @Configuration(proxyBeanMethods = false)
  static class RecordingEmail {
    @Bean
    RecordingLinkNotifier email() {
      return new RecordingLinkNotifier(DeliveryChannel.EMAIL);
    }
  }

  static AccessLinks withAcme(AccessLinks links) {
    links.saveOrganization(new SaveOrganizationCommand(ACME, ADMIN, "Acme HQ", ZoneId.of("UTC"),
        URI.create("https://doors.acme.example/l/")));
    return links;
  }

  /** A clock a test moves by hand. */
  static final class MovableClock extends Clock {
    private volatile Instant now = Instant.parse("2026-03-15T12:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }
}
