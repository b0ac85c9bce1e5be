package dev.accesslink.spring.boot.docs;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

// docs/spring-boot.md shows this file from the next line on; DocumentedYamlTest keeps the two equal.
@SpringBootApplication
public class DoorsApplication {
  public static void main(String[] args) {
    SpringApplication.run(DoorsApplication.class, args);
  }
}
