package io.dgating.importer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

/** The importer builds on the API only; protobuf stays inside the reader. */
@AnalyzeClasses(packages = "io.dgating.importer", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule NO_ENGINE_EXPORT_OR_CLI = noClasses()
            .that()
            .resideInAPackage("io.dgating.importer..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "io.dgating.engine..",
                    "io.dgating.runtime..",
                    "io.dgating.export..",
                    "io.dgating.bench..",
                    "io.dgating.compress..",
                    "io.dgating.experiments..",
                    "io.dgating.cli..",
                    "io.dgating.spark..",
                    "ai.onnxruntime..",
                    "com.google.inject..")
            .because("an imported model is a model description and weights, whatever trains or exports it");

    @ArchTest
    static final ArchRule PROTOBUF_ONLY_IN_THE_READER = noClasses()
            .that()
            .resideInAPackage("io.dgating.importer..")
            .and()
            .haveNameNotMatching(".*\\.OnnxGraphReader(\\$.*)?")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("ai.onnx..", "com.google.protobuf..")
            .because("the translator reads OnnxNode and ConstTensor, never protobuf");

    @ArchTest
    static final ArchRule NO_STANDARD_STREAMS = GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;

    @ArchTest
    static final ArchRule NO_MUTABLE_STATIC_STATE = fields().that()
            .areStatic()
            .and()
            .areDeclaredInClassesThat()
            .resideInAPackage("io.dgating.importer..")
            .should()
            .beFinal();
}
