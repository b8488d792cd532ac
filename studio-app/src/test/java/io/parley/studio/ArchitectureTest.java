package io.parley.studio;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Guards the studio's layers, so they stay true as screens are added. */
class ArchitectureTest {

    private static final JavaClasses STUDIO = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.parley.studio");

    @Test
    void viewModelsDoNotTouchTheSceneGraph() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().resideInAPackage("javafx.scene..")
                .because("view models hold state and commands; only views build nodes, so view models "
                        + "can be tested without a window")
                .check(STUDIO);
    }

    @Test
    void onlyTheEmbeddedPackageKnowsTheServersClasses() {
        noClasses().that().resideOutsideOfPackage("io.parley.studio.embedded..")
                .should().dependOnClassesThat().resideInAPackage("io.parley.server..")
                .because("the studio talks to the server over HTTP only, as any other client would")
                .check(STUDIO);
    }

    @Test
    void theApiClientKnowsNothingOfJavaFx() {
        noClasses().that().resideInAPackage("io.parley.studio.api..")
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .because("the API client is plain Java, reusable by tests and tools")
                .check(STUDIO);
    }

    @Test
    void backgroundWorkGoesThroughBackgroundTasks() {
        noClasses().that().resideOutsideOfPackage("io.parley.studio.concurrent..")
                .should().callConstructor(Thread.class, Runnable.class)
                .orShould().callConstructor(Thread.class, Runnable.class, String.class)
                .orShould().dependOnClassesThat().haveFullyQualifiedName("javafx.concurrent.Task")
                .because("there is one way to run work in the background, replaceable in tests")
                .check(STUDIO);
    }
}
