package io.dgating.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The CLI reaches engines through the API and Guice only, never through an engine's internals. */
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
}
