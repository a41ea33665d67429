package io.dgating.experiments;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

/** Experiments train through the Engine SPI, never know the command line or a cluster's own API. */
@AnalyzeClasses(packages = "io.dgating.experiments", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule NO_ENGINE_CLI_OR_CLUSTER = noClasses()
            .that()
            .resideInAPackage("io.dgating.experiments..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "io.dgating.engine..",
                    "io.dgating.compress..",
                    "io.dgating.cli..",
                    "io.dgating.spark..",
                    "org.apache.spark..",
                    "picocli..",
                    "com.google.inject..")
            .because("a unit carries resolved settings and runs on whatever engine and executor the runner has");

    @ArchTest
    static final ArchRule NO_STANDARD_STREAMS = GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;

    @ArchTest
    static final ArchRule NO_MUTABLE_STATIC_STATE = fields().that()
            .areStatic()
            .and()
            .areDeclaredInClassesThat()
            .resideInAPackage("io.dgating.experiments..")
            .should()
            .beFinal();
}
