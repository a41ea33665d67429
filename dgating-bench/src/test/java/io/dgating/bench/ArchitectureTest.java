package io.dgating.bench;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

/** Bench measures models through the Engine SPI and ONNX files; protobuf only where a graph is read. */
@AnalyzeClasses(packages = "io.dgating.bench", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule NO_ENGINE_WORKFLOW_OR_CLI = noClasses()
            .that()
            .resideInAPackage("io.dgating.bench..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "io.dgating.engine..",
                    "io.dgating.importer..",
                    "io.dgating.compress..",
                    "io.dgating.experiments..",
                    "io.dgating.cli..",
                    "io.dgating.spark..",
                    "com.google.inject..")
            .because("bench measures models through the Engine SPI and ONNX files, whatever engine trained them");

    @ArchTest
    static final ArchRule PROTOBUF_ONLY_IN_THE_GRAPH_READER = noClasses()
            .that()
            .resideInAPackage("io.dgating.bench..")
            .and()
            .doNotHaveSimpleName("GraphStats")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("ai.onnx.proto..", "com.google.protobuf..");

    @ArchTest
    static final ArchRule NO_ORT_IN_REPORTS = noClasses()
            .that()
            .resideInAPackage("io.dgating.bench.report..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("ai.onnxruntime..");

    @ArchTest
    static final ArchRule NO_STANDARD_STREAMS = GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;

    @ArchTest
    static final ArchRule NO_MUTABLE_STATIC_STATE = fields().that()
            .areStatic()
            .and()
            .areDeclaredInClassesThat()
            .resideInAPackage("io.dgating.bench..")
            .should()
            .beFinal();
}
