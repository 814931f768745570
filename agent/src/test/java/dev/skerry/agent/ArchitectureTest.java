package dev.skerry.agent;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.skerry.agent.health.Health;
import dev.skerry.agent.health.HealthStatus;
import org.junit.jupiter.api.Test;

/**
 * The package rules of docs/architecture.md, checked on every build: {@code reconcile} holds only
 * pure decisions on its own values; the adapters (runtime, store, sync) and the loop that drives
 * them ({@code control}) depend on it, never the reverse.
 */
class ArchitectureTest {
  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.skerry.agent");

  @Test
  void reconcileImportsNoAdapterAndNoIoLibrary() {
    noClasses()
        .that()
        .resideInAPackage("..agent.reconcile..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "..agent.runtime..",
            "..agent.store..",
            "..agent.sync..",
            "..agent.control..",
            "..agent.app..",
            "..agent.api..",
            "io.grpc..",
            "java.sql..",
            "org.sqlite..",
            "org.eclipse.paho..",
            "io.vertx..",
            "io.netty..",
            "java.net..",
            "java.nio.file..")
        .because("reconcile decides; the adapters and the control loop do the I/O")
        .check(MAIN);
  }

  @Test
  void reconcileStartsNoThreadsAndSchedulesNothing() {
    noClasses()
        .that()
        .resideInAPackage("..agent.reconcile..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("java.util.concurrent..")
        .orShould()
        .dependOnClassesThat()
        .areAssignableTo(Thread.class)
        .because("same inputs, same plan: time comes in as an argument, threads live in control")
        .check(MAIN);
  }

  @Test
  void reconcileReadsOnlyTheHealthValuesNotTheProbes() {
    noClasses()
        .that()
        .resideInAPackage("..agent.reconcile..")
        .should()
        .dependOnClassesThat(
            resideInAPackage("..agent.health..")
                .and(not(equivalentTo(Health.class)))
                .and(not(equivalentTo(HealthStatus.class))))
        .because("probing is I/O; the planner only needs its verdicts")
        .check(MAIN);
  }

  @Test
  void storesDoNotReachIntoTheLoopOrTheNetwork() {
    noClasses()
        .that()
        .resideInAPackage("..agent.store..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "..agent.control..",
            "..agent.runtime..",
            "..agent.sync..",
            "..agent.app..",
            "io.grpc..",
            "org.eclipse.paho..",
            "io.vertx..")
        .check(MAIN);
  }
}
