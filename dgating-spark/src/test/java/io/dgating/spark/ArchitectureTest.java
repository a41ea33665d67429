package io.dgating.spark;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The Spark executor runs the library's experiments; it never sees the command line. */
@AnalyzeClasses(packages = "io.dgating.spark", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule NO_COMMAND_LINE = noClasses()
            .that()
            .resideInAPackage("io.dgating.spark..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.dgating.cli..", "picocli..", "com.google.inject..")
            .because("a task runs a unit of resolved settings, not a command's arguments");
}
