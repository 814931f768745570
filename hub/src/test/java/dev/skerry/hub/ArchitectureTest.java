package dev.skerry.hub;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The rollout decisions ({@code WaveStepper}, its helpers and its values) stay pure: no broker, no
 * API, no database, no threads. {@code RolloutService} (reads and writes the store), {@code
 * RolloutTicker} (schedules ticks) and {@code RolloutMetrics} (counters shared across threads) are
 * the machinery around them and are left out.
 */
class ArchitectureTest {
  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.skerry.hub.rollout");

  @Test
  void rolloutDecisionsDoNoIo() {
    noClasses()
        .that()
        .resideInAPackage("..hub.rollout..")
        .and()
        .doNotHaveSimpleName("RolloutService")
        .and()
        .doNotHaveSimpleName("RolloutTicker")
        .and()
        .doNotHaveSimpleName("RolloutMetrics")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "..hub.mqtt..",
            "..hub.api..",
            "java.sql..",
            "javax.sql..",
            "org.postgresql..",
            "org.sqlite..",
            "io.vertx..",
            "org.eclipse.paho..",
            "com.hivemq..",
            "java.util.concurrent..")
        .because("rollout decisions take their inputs as values and return their steps")
        .check(MAIN);
  }

  /**
   * The decisions have their own values ({@code Rollout}, {@code RolloutMember}, {@code
   * RolloutEvent}); {@code RolloutRecords} maps the store's rows to them, and {@code
   * RolloutService} reads and writes the store. Nothing else in rollout sees the store at all.
   */
  @Test
  void rolloutDecisionsDoNotSeeTheStore() {
    noClasses()
        .that()
        .resideInAPackage("..hub.rollout..")
        .and()
        .doNotHaveSimpleName("RolloutService")
        .and()
        .doNotHaveSimpleName("RolloutRecords")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("..hub.store..")
        .because("the store maps to the rollout's values, never the reverse")
        .check(MAIN);
  }
}
