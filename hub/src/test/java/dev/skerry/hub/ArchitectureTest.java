package dev.skerry.hub;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The rollout decisions ({@code WaveStepper} and its values) stay pure: no broker, no API, no
 * database, no threads. {@code RolloutService} (reads and writes the store), {@code RolloutTicker}
 * (schedules ticks) and {@code RolloutMetrics} (counters shared across threads) are the machinery
 * around them and are left out.
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
   * Of the store, the decisions may see only its plain value records (today {@code RolloutRecord}
   * and friends; moving them into the rollout package is a follow-up), never the store itself.
   */
  @Test
  void rolloutDecisionsSeeOnlyTheStoresValueRecords() {
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
        .dependOnClassesThat(
            resideInAPackage("..hub.store..").and(not(simpleNameEndingWith("Record"))))
        .check(MAIN);
  }
}
