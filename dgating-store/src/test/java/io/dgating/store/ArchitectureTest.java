package io.dgating.store;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

/** The file formats build on the API alone: a result file can be read without an engine, ONNX or ONNX Runtime. */
@AnalyzeClasses(packages = "io.dgating.store", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule API_ONLY = noClasses()
            .that()
            .resideInAPackage("io.dgating.store..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "io.dgating.engine..",
                    "io.dgating.runtime..",
                    "io.dgating.export..",
                    "io.dgating.importer..",
                    "io.dgating.bench..",
                    "io.dgating.compress..",
                    "io.dgating.experiments..",
                    "io.dgating.cli..",
                    "io.dgating.spark..",
                    "ai.onnx..",
                    "ai.onnxruntime..",
                    "com.google.protobuf..",
                    "com.google.inject..")
            .because("stored results outlive engines and exporters");

    @ArchTest
    static final ArchRule NO_STANDARD_STREAMS = GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;

    @ArchTest
    static final ArchRule NO_MUTABLE_STATIC_STATE = fields().that()
            .areStatic()
            .and()
            .areDeclaredInClassesThat()
            .resideInAPackage("io.dgating.store..")
            .should()
            .beFinal();
}
