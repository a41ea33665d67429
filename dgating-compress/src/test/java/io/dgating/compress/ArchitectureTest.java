package io.dgating.compress;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

/** The compress job reaches engines only through the API's registry, and is no command line. */
@AnalyzeClasses(packages = "io.dgating.compress", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule ENGINES_THROUGH_THE_API = noClasses()
            .that()
            .resideInAPackage("io.dgating.compress..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "io.dgating.engine..",
                    "io.dgating.experiments..",
                    "io.dgating.cli..",
                    "io.dgating.spark..",
                    "picocli..",
                    "ai.onnx..",
                    "com.google.protobuf..")
            .because("a JVM service calls Compressor with whatever engine is installed");

    @ArchTest
    static final ArchRule NO_STANDARD_STREAMS = GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;

    @ArchTest
    static final ArchRule NO_MUTABLE_STATIC_STATE = fields().that()
            .areStatic()
            .and()
            .areDeclaredInClassesThat()
            .resideInAPackage("io.dgating.compress..")
            .should()
            .beFinal();
}
