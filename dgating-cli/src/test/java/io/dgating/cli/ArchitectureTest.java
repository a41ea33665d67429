package io.dgating.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The CLI reaches engines through the API and Guice only, and its packages depend one way: the root
 * (entry point and wiring) on the commands, the commands on their option mixins and injection names,
 * never back.
 */
@AnalyzeClasses(packages = "io.dgating.cli", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule NO_ENGINE_CLASSES = noClasses()
            .that()
            .resideInAPackage("io.dgating.cli..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.dgating.engine..")
            .because("engines are found through ServiceLoader and Guice, so any engine can be swapped in");

    @ArchTest
    static final ArchRule NOTHING_DEPENDS_ON_THE_ROOT = noClasses()
            .that()
            .resideInAnyPackage("io.dgating.cli.command..", "io.dgating.cli.mixin..", "io.dgating.cli.inject..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.dgating.cli")
            .because("the root wires the commands together; a command that reaches back makes an import cycle");

    @ArchTest
    static final ArchRule NO_CYCLES_BETWEEN_PACKAGES =
            slices().matching("io.dgating.cli.(*)..").should().beFreeOfCycles();
}
