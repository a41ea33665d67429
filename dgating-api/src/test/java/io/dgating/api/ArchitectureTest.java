package io.dgating.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

/** The API names concepts only: no engine, no Guice, no native or CLI library, no console output. */
@AnalyzeClasses(packages = "io.dgating.api", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule API_DEPENDS_ON_NO_ENGINE_OR_OTHER_MODULE = noClasses()
            .that()
            .resideInAPackage("io.dgating.api..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "io.dgating.engine..",
                    "io.dgating.store..",
                    "io.dgating.runtime..",
                    "io.dgating.export..",
                    "io.dgating.importer..",
                    "io.dgating.bench..",
                    "io.dgating.compress..",
                    "io.dgating.experiments..",
                    "io.dgating.cli..",
                    "io.dgating.spark..")
            .because("every other module builds on the API, never the other way round");

    @ArchTest
    static final ArchRule API_USES_NO_GUICE_OR_NATIVE_LIBRARIES = noClasses()
            .that()
            .resideInAPackage("io.dgating.api..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "com.google.inject..",
                    "ai.djl..",
                    "ai.onnxruntime..",
                    "ai.onnx..",
                    "com.google.protobuf..",
                    "picocli..")
            .because("only jakarta.inject annotations may appear in the API");

    @ArchTest
    static final ArchRule NO_STANDARD_STREAMS = GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;

    @ArchTest
    static final ArchRule NO_MUTABLE_STATIC_STATE = fields().that()
            .areStatic()
            .and()
            .areDeclaredInClassesThat()
            .resideInAPackage("io.dgating.api..")
            .should()
            .beFinal()
            .because("no static mutable state: two trainings in one JVM must not see each other");
}
