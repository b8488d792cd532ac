package io.parley.server.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The layering STYLE.md asks for, checked on the compiled classes. */
class LayerRulesTest {

    private static final JavaClasses SERVER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.parley.server");

    @Test
    void serverNeverUsesJavaFx() {
        noClasses().should().dependOnClassesThat().resideInAPackage("javafx..").check(SERVER);
    }

    @Test
    void routesHoldNoSqlAndNoStorage() {
        noClasses().that().haveSimpleNameEndingWith("Routes")
                .should().dependOnClassesThat().resideInAnyPackage("io.helidon.dbclient..", "java.sql..")
                .orShould().dependOnClassesThat().haveSimpleNameEndingWith("Store")
                .check(SERVER);
    }

    @Test
    void servicesKnowNothingOfHttp() {
        noClasses().that().haveSimpleNameEndingWith("Service")
                .should().dependOnClassesThat().resideInAnyPackage("io.helidon.webserver..", "io.helidon.http..",
                        "io.parley.server.http..")
                .check(SERVER);
    }

    @Test
    void tenancyDoesNotDependOnAuth() {
        noClasses().that().resideInAPackage("io.parley.server.tenancy..")
                .should().dependOnClassesThat().resideInAPackage("io.parley.server.auth..")
                .check(SERVER);
    }

    @Test
    void storesAreUsedOnlyByTheirFeature() {
        classes().that().haveSimpleNameEndingWith("Store").and().resideInAPackage("io.parley.server.auth..")
                .should().onlyBeAccessed().byAnyPackage("io.parley.server.auth..")
                .check(SERVER);
    }
}
